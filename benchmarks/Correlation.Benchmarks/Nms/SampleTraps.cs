using Correlation.Ingest.Nms.Snmp;
using static Correlation.Ingest.Nms.Snmp.BerEncoder;

namespace Correlation.Benchmarks.Nms;

/// <summary>The v2c linkDown trap a switch sends (RFC 2863 varbinds plus ifDescr), for one interface.</summary>
public static class SampleTraps
{
    public static byte[] LinkDown(int ifIndex) =>
        Sequence(
            IntegerValue(1),
            OctetString("public"),
            Tlv(BerTags.TrapV2, IntegerValue(ifIndex), IntegerValue(0), IntegerValue(0),
                Sequence(
                    Varbind(SnmpTrapDecoder.SysUpTime0, UnsignedValue(BerTags.TimeTicks, 123456)),
                    Varbind(SnmpTrapDecoder.SnmpTrapOid0, Oid("1.3.6.1.6.3.1.1.5.3")),
                    Varbind($"1.3.6.1.2.1.2.2.1.1.{ifIndex}", IntegerValue(ifIndex)),
                    Varbind($"1.3.6.1.2.1.2.2.1.7.{ifIndex}", IntegerValue(1)),
                    Varbind($"1.3.6.1.2.1.2.2.1.8.{ifIndex}", IntegerValue(2)),
                    Varbind($"1.3.6.1.2.1.2.2.1.2.{ifIndex}", OctetString($"GigabitEthernet0/{ifIndex}")))));
}
