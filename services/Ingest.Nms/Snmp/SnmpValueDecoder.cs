using System.Globalization;

namespace Correlation.Ingest.Nms.Snmp;

/// <summary>Decodes one VarBind (name and value) with every value type of RFC 3416 and RFC 2578.</summary>
internal static class SnmpValueDecoder
{
    /// <returns>Null when decoded, else the rejection reason.</returns>
    public static string? ReadVarbind(ref BerReader binding, out SnmpVarbind? varbind)
    {
        varbind = null;
        if (!binding.TryRead(BerTags.ObjectIdentifier, out var name))
        {
            return binding.Error;
        }

        if (!BerPrimitives.TryOid(name, out var oid))
        {
            return TrapRejection.BadOid;
        }

        if (!binding.TryRead(out var tag, out var contents))
        {
            return binding.Error;
        }

        if (!binding.AtEnd)
        {
            return TrapRejection.TrailingBytes;
        }

        if (!TryValue(tag, contents, out var type, out var text))
        {
            return tag == BerTags.ObjectIdentifier ? TrapRejection.BadOid : TrapRejection.BadValue;
        }

        varbind = new SnmpVarbind(oid, type, text);
        return null;
    }

    private static bool TryValue(byte tag, ReadOnlySpan<byte> contents, out SnmpType type, out string text)
    {
        text = "";
        switch (tag)
        {
            case BerTags.Integer32:
                type = SnmpType.Integer32;
                return BerPrimitives.TryInt32(contents, out var integer) && Set(integer.ToString(CultureInfo.InvariantCulture), out text);
            case BerTags.OctetString:
                type = SnmpType.OctetString;
                text = BerPrimitives.OctetStringText(contents);
                return true;
            case BerTags.Null:
                type = SnmpType.Null;
                return contents.IsEmpty;
            case BerTags.ObjectIdentifier:
                type = SnmpType.ObjectIdentifier;
                return BerPrimitives.TryOid(contents, out text);
            case BerTags.IpAddress:
                type = SnmpType.IpAddress;
                return BerPrimitives.TryIpAddress(contents, out text);
            case BerTags.Counter32:
                type = SnmpType.Counter32;
                return Unsigned(contents, 32, out text);
            case BerTags.Gauge32:
                type = SnmpType.Gauge32;
                return Unsigned(contents, 32, out text);
            case BerTags.TimeTicks:
                type = SnmpType.TimeTicks;
                return Unsigned(contents, 32, out text);
            case BerTags.Opaque:
                type = SnmpType.Opaque;
                text = BerPrimitives.OpaqueText(contents);
                return true;
            case BerTags.Counter64:
                type = SnmpType.Counter64;
                return Unsigned(contents, 64, out text);
            case BerTags.NoSuchObject:
                type = SnmpType.NoSuchObject;
                return contents.IsEmpty;
            case BerTags.NoSuchInstance:
                type = SnmpType.NoSuchInstance;
                return contents.IsEmpty;
            case BerTags.EndOfMibView:
                type = SnmpType.EndOfMibView;
                return contents.IsEmpty;
            default:
                type = default;
                return false;
        }
    }

    private static bool Unsigned(ReadOnlySpan<byte> contents, int bits, out string text)
    {
        var ok = BerPrimitives.TryUnsigned(contents, bits, out var value);
        text = ok ? value.ToString(CultureInfo.InvariantCulture) : "";
        return ok;
    }

    private static bool Set(string value, out string text)
    {
        text = value;
        return true;
    }
}
