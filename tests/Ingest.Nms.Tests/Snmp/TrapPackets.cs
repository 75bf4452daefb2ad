using Correlation.Ingest.Nms.Snmp;
using static Correlation.Ingest.Nms.Snmp.BerEncoder;

namespace Correlation.Ingest.Nms.Tests.Snmp;

/// <summary>Traps built byte by byte, for what snmptrap cannot send (noSuchObject and friends) and for fuzzing.</summary>
internal static class TrapPackets
{
    public const string LinkDown = "1.3.6.1.6.3.1.1.5.3";

    public static byte[] V2c(string trapOid, params byte[][] varbinds) => V2c(BerTags.TrapV2, "public", 1, trapOid, varbinds);

    public static byte[] V2c(byte pdu, string community, int requestId, string trapOid, params byte[][] varbinds) =>
        Sequence(
            IntegerValue(1),
            OctetString(community),
            Tlv(pdu, IntegerValue(requestId), IntegerValue(0), IntegerValue(0),
                Sequence([
                    Varbind(SnmpTrapDecoder.SysUpTime0, UnsignedValue(BerTags.TimeTicks, 4242)),
                    Varbind(SnmpTrapDecoder.SnmpTrapOid0, Oid(trapOid)),
                    .. varbinds,
                ])));

    public static byte[] V1(string enterprise, string agent, int generic, int specific, params byte[][] varbinds) =>
        Sequence(
            IntegerValue(0),
            OctetString("public"),
            Tlv(BerTags.TrapV1, Oid(enterprise), IpAddress(agent), IntegerValue(generic), IntegerValue(specific),
                UnsignedValue(BerTags.TimeTicks, 99), Sequence(varbinds)));

    /// <summary>A v2c trap with one varbind of every type, exceptions included.</summary>
    public static byte[] EveryType() => V2c("1.3.6.1.4.1.99999.0.1",
        Varbind("1.3.6.1.4.1.99999.1.1", IntegerValue(-42)),
        Varbind("1.3.6.1.4.1.99999.1.2", OctetString("router-7")),
        Varbind("1.3.6.1.4.1.99999.1.3", Null()),
        Varbind("1.3.6.1.4.1.99999.1.4", Oid("1.3.6.1.4.1.8072")),
        Varbind("1.3.6.1.4.1.99999.1.5", IpAddress("192.0.2.9")),
        Varbind("1.3.6.1.4.1.99999.1.6", UnsignedValue(BerTags.Counter32, 4_294_967_295)),
        Varbind("1.3.6.1.4.1.99999.1.7", UnsignedValue(BerTags.Gauge32, 1_000_000_000)),
        Varbind("1.3.6.1.4.1.99999.1.8", UnsignedValue(BerTags.TimeTicks, 12345)),
        Varbind("1.3.6.1.4.1.99999.1.9", Tlv(BerTags.Opaque, [0x9F, 0x7B, 0x01, 0x4D])),
        Varbind("1.3.6.1.4.1.99999.1.10", UnsignedValue(BerTags.Counter64, ulong.MaxValue)),
        Varbind("1.3.6.1.4.1.99999.1.11", Tlv(BerTags.NoSuchObject)),
        Varbind("1.3.6.1.4.1.99999.1.12", Tlv(BerTags.NoSuchInstance)),
        Varbind("1.3.6.1.4.1.99999.1.13", Tlv(BerTags.EndOfMibView)),
        Varbind("1.3.6.1.4.1.99999.1.14", Tlv(BerTags.OctetString, [0x00, 0x1A, 0x2B, 0xFF])));
}
