using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Correlation.Ingest.Nms.Snmp;

/// <summary>Decodes the contents of primitive BER values, refusing any that break their type's limits.</summary>
internal static class BerPrimitives
{
    /// <summary>SNMP allows at most 128 sub-identifiers (RFC 2578 section 3.5).</summary>
    public const int MaxOidArcs = 128;

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>INTEGER (Integer32): one to four octets, two's complement.</summary>
    public static bool TryInt32(ReadOnlySpan<byte> contents, out int value)
    {
        value = 0;
        if (contents.Length is 0 or > 4)
        {
            return false;
        }

        value = (sbyte)contents[0];
        for (var i = 1; i < contents.Length; i++)
        {
            value = (value << 8) | contents[i];
        }

        return true;
    }

    /// <summary>
    /// An unsigned of <paramref name="bits"/> bits (Counter32, Gauge32, TimeTicks, Counter64): at most one
    /// leading zero octet beyond its width. A set top bit without the zero is read as unsigned, as agents send it.
    /// </summary>
    public static bool TryUnsigned(ReadOnlySpan<byte> contents, int bits, out ulong value)
    {
        value = 0;
        var width = bits / 8;
        if (contents.Length == 0 || contents.Length > width + 1 || (contents.Length == width + 1 && contents[0] != 0))
        {
            return false;
        }

        foreach (var b in contents)
        {
            value = (value << 8) | b;
        }

        return true;
    }

    /// <summary>An OBJECT IDENTIFIER in dotted form; arcs fit 32 bits and are minimally encoded.</summary>
    public static bool TryOid(ReadOnlySpan<byte> contents, out string oid)
    {
        oid = "";
        if (contents.Length == 0 || contents.Length > MaxOidArcs * 5 || (contents[^1] & 0x80) != 0)
        {
            return false;
        }

        Span<char> text = stackalloc char[MaxOidArcs * 11];
        var written = 0;
        var arcs = 0;
        var index = 0;
        while (index < contents.Length)
        {
            if (!TryArc(contents, ref index, out var arc) || ++arcs > MaxOidArcs - 1)
            {
                return false;
            }

            if (arcs == 1)
            {
                // The first octets hold two arcs: 40 * X + Y, with X at most 2.
                var x = Math.Min(arc / 40, 2);
                var y = arc - (x * 40);
                written += Write(text[written..], x, false);
                written += Write(text[written..], y, true);
            }
            else
            {
                written += Write(text[written..], arc, true);
            }
        }

        oid = new string(text[..written]);
        return true;
    }

    /// <summary>IpAddress: exactly four octets.</summary>
    public static bool TryIpAddress(ReadOnlySpan<byte> contents, out string address)
    {
        address = contents.Length == 4 ? $"{contents[0]}.{contents[1]}.{contents[2]}.{contents[3]}" : "";
        return contents.Length == 4;
    }

    /// <summary>Printable UTF-8 text as it is; anything else as 0x-prefixed hex, so nothing is lost.</summary>
    public static string OctetStringText(ReadOnlySpan<byte> contents)
    {
        if (IsPrintable(contents))
        {
            try
            {
                return StrictUtf8.GetString(contents);
            }
            catch (DecoderFallbackException)
            {
                // Not UTF-8: falls through to hex.
            }
        }

        return "0x" + Convert.ToHexStringLower(contents);
    }

    /// <summary>
    /// Opaque: net-snmp's wrapped 64-bit and floating-point values (tags 0x9f78-0x9f7b) as numbers,
    /// anything else as hex.
    /// </summary>
    public static string OpaqueText(ReadOnlySpan<byte> contents)
    {
        if (contents.Length >= 3 && contents[0] == 0x9F && contents[2] == contents.Length - 3)
        {
            var inner = contents[3..];
            switch (contents[1])
            {
                case 0x78 when inner.Length == 4:
                    return BinaryPrimitives.ReadSingleBigEndian(inner).ToString("R", CultureInfo.InvariantCulture);
                case 0x79 when inner.Length == 8:
                    return BinaryPrimitives.ReadDoubleBigEndian(inner).ToString("R", CultureInfo.InvariantCulture);
                case 0x7A when inner.Length is > 0 and <= 8:
                    return SignedOf(inner).ToString(CultureInfo.InvariantCulture);
                case 0x7B when TryUnsigned(inner, 64, out var unsigned):
                    return unsigned.ToString(CultureInfo.InvariantCulture);
            }
        }

        return "0x" + Convert.ToHexStringLower(contents);
    }

    private static long SignedOf(ReadOnlySpan<byte> contents)
    {
        long value = (sbyte)contents[0];
        for (var i = 1; i < contents.Length; i++)
        {
            value = (value << 8) | contents[i];
        }

        return value;
    }

    private static bool TryArc(ReadOnlySpan<byte> contents, ref int index, out uint arc)
    {
        arc = 0;
        if (contents[index] == 0x80)
        {
            return false;
        }

        while (index < contents.Length)
        {
            var b = contents[index++];
            if (arc > (uint.MaxValue >> 7))
            {
                return false;
            }

            arc = (arc << 7) | (uint)(b & 0x7F);
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static int Write(Span<char> destination, uint arc, bool dot)
    {
        var offset = 0;
        if (dot)
        {
            destination[0] = '.';
            offset = 1;
        }

        arc.TryFormat(destination[offset..], out var written, default, CultureInfo.InvariantCulture);
        return offset + written;
    }

    private static bool IsPrintable(ReadOnlySpan<byte> contents)
    {
        foreach (var b in contents)
        {
            if ((b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r') || b == 0x7F)
            {
                return false;
            }
        }

        return true;
    }
}
