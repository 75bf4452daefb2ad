using System.Globalization;
using System.Text;

namespace Correlation.Ingest.Nms.Snmp;

/// <summary>
/// Builds BER values: enough to answer an InformRequest, and for tests and the load sender to build
/// traps byte by byte. Allocates freely; decoding is the hot path, not this.
/// </summary>
public static class BerEncoder
{
    public static byte[] Tlv(byte tag, params ReadOnlySpan<byte[]> parts)
    {
        var length = 0;
        foreach (var part in parts)
        {
            length += part.Length;
        }

        var header = Header(tag, length);
        var result = new byte[header.Length + length];
        header.CopyTo(result, 0);
        var offset = header.Length;
        foreach (var part in parts)
        {
            part.CopyTo(result, offset);
            offset += part.Length;
        }

        return result;
    }

    public static byte[] Sequence(params ReadOnlySpan<byte[]> parts) => Tlv(BerTags.Sequence, parts);

    public static byte[] IntegerValue(long value)
    {
        var length = 8;
        while (length > 1)
        {
            // Drop a leading octet that only repeats the sign of the next one.
            var top = (byte)(value >> ((length - 1) * 8));
            var next = (byte)(value >> ((length - 2) * 8));
            if ((top != 0 || (next & 0x80) != 0) && (top != 0xFF || (next & 0x80) == 0))
            {
                break;
            }

            length--;
        }

        var contents = new byte[length];
        for (var i = 0; i < length; i++)
        {
            contents[i] = (byte)(value >> ((length - 1 - i) * 8));
        }

        return Tlv(BerTags.Integer32, contents);
    }

    /// <summary>Counter32, Gauge32, TimeTicks or Counter64: minimal, with a zero octet when the top bit is set.</summary>
    public static byte[] UnsignedValue(byte tag, ulong value)
    {
        var octets = new List<byte>();
        do
        {
            octets.Insert(0, (byte)value);
            value >>= 8;
        }
        while (value != 0);

        if ((octets[0] & 0x80) != 0)
        {
            octets.Insert(0, 0);
        }

        return Tlv(tag, [.. octets]);
    }

    public static byte[] OctetString(string text) => Tlv(BerTags.OctetString, Encoding.UTF8.GetBytes(text));

    public static byte[] Null() => Tlv(BerTags.Null);

    public static byte[] IpAddress(string dotted) =>
        Tlv(BerTags.IpAddress, [.. dotted.Split('.').Select(p => byte.Parse(p, CultureInfo.InvariantCulture))]);

    public static byte[] Oid(string dotted)
    {
        ArgumentNullException.ThrowIfNull(dotted);
        var arcs = dotted.Split('.').Select(a => uint.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        var contents = new List<byte>();
        AddArc(contents, (arcs[0] * 40) + arcs[1]);
        foreach (var arc in arcs.Skip(2))
        {
            AddArc(contents, arc);
        }

        return Tlv(BerTags.ObjectIdentifier, [.. contents]);
    }

    public static byte[] Varbind(string oid, byte[] value) => Sequence(Oid(oid), value);

    private static void AddArc(List<byte> contents, uint arc)
    {
        var start = contents.Count;
        contents.Add((byte)(arc & 0x7F));
        while ((arc >>= 7) != 0)
        {
            contents.Insert(start, (byte)(0x80 | (arc & 0x7F)));
        }
    }

    private static byte[] Header(byte tag, int length) => length switch
    {
        < 0x80 => [tag, (byte)length],
        <= 0xFF => [tag, 0x81, (byte)length],
        <= 0xFFFF => [tag, 0x82, (byte)(length >> 8), (byte)length],
        _ => [tag, 0x83, (byte)(length >> 16), (byte)(length >> 8), (byte)length],
    };
}
