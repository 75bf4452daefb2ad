using Correlation.Ingest.Nms.Snmp;
using static Correlation.Ingest.Nms.Snmp.BerEncoder;

namespace Correlation.Ingest.Nms.Tests.Snmp;

public class SnmpTrapDecoderTests
{
    [Test]
    public void A_v2c_trap_decodes_every_varbind_type()
    {
        var result = SnmpTrapDecoder.Decode(TrapPackets.EveryType());

        Assert.That(result.Rejection, Is.Null);
        var trap = result.Value!;
        Assert.Multiple(() =>
        {
            Assert.That(trap.Version, Is.EqualTo(SnmpVersion.V2c));
            Assert.That(trap.Kind, Is.EqualTo(SnmpPduKind.TrapV2));
            Assert.That(trap.Community, Is.EqualTo("public"));
            Assert.That(trap.Uptime, Is.EqualTo(4242u));
            Assert.That(trap.TrapOid, Is.EqualTo("1.3.6.1.4.1.99999.0.1"));
            Assert.That(trap.Varbinds.Select(v => (v.Type, v.Value)), Is.EqualTo(new[]
            {
                (SnmpType.Integer32, "-42"),
                (SnmpType.OctetString, "router-7"),
                (SnmpType.Null, ""),
                (SnmpType.ObjectIdentifier, "1.3.6.1.4.1.8072"),
                (SnmpType.IpAddress, "192.0.2.9"),
                (SnmpType.Counter32, "4294967295"),
                (SnmpType.Gauge32, "1000000000"),
                (SnmpType.TimeTicks, "12345"),
                (SnmpType.Opaque, "77"),
                (SnmpType.Counter64, "18446744073709551615"),
                (SnmpType.NoSuchObject, ""),
                (SnmpType.NoSuchInstance, ""),
                (SnmpType.EndOfMibView, ""),
                (SnmpType.OctetString, "0x001a2bff"),
            }));
            Assert.That(trap.Varbinds[0].Oid, Is.EqualTo("1.3.6.1.4.1.99999.1.1"));
        });
    }

    [Test]
    public void A_v1_trap_decodes_its_header_and_translates_the_trap_oid_as_RFC_3584_says()
    {
        var generic = SnmpTrapDecoder.Decode(TrapPackets.V1("1.3.6.1.4.1.9", "192.0.2.50", 2, 0,
            Varbind("1.3.6.1.2.1.2.2.1.1.3", IntegerValue(3)))).Value!;
        var specific = SnmpTrapDecoder.Decode(TrapPackets.V1("1.3.6.1.4.1.9.9.41", "192.0.2.50", 6, 17)).Value!;

        Assert.Multiple(() =>
        {
            Assert.That(generic.Version, Is.EqualTo(SnmpVersion.V1));
            Assert.That(generic.Enterprise, Is.EqualTo("1.3.6.1.4.1.9"));
            Assert.That(generic.AgentAddress, Is.EqualTo("192.0.2.50"));
            Assert.That(generic.GenericTrap, Is.EqualTo(2));
            Assert.That(generic.SpecificTrap, Is.Zero);
            Assert.That(generic.Uptime, Is.EqualTo(99u));
            Assert.That(generic.TrapOid, Is.EqualTo(TrapPackets.LinkDown));
            Assert.That(generic.Varbinds.Single().Value, Is.EqualTo("3"));
            Assert.That(specific.TrapOid, Is.EqualTo("1.3.6.1.4.1.9.9.41.0.17"));
        });
    }

    [Test]
    public void An_inform_is_decoded_and_answered_with_a_response_echoing_its_request_id_and_varbinds()
    {
        var inform = TrapPackets.V2c(BerTags.InformRequest, "public", 777, "1.3.6.1.6.3.1.1.5.1",
            Varbind("1.3.6.1.2.1.1.5.0", OctetString("core-1")));

        var trap = SnmpTrapDecoder.Decode(inform).Value!;
        var response = InformResponse.Encode(trap, inform);

        Assert.That(trap.Kind, Is.EqualTo(SnmpPduKind.Inform));
        Assert.That(trap.RequestId, Is.EqualTo(777));
        var expected = Sequence(IntegerValue(1), OctetString("public"),
            Tlv(BerTags.Response, IntegerValue(777), IntegerValue(0), IntegerValue(0), inform[trap.VarbindList]));
        Assert.That(response, Is.EqualTo(expected));
    }

    private static IEnumerable<TestCaseData> Malformed()
    {
        var valid = TrapPackets.V2c(TrapPackets.LinkDown);
        yield return new TestCaseData(Array.Empty<byte>(), TrapRejection.Truncated).SetName("empty");
        yield return new TestCaseData(valid[..^1], TrapRejection.Truncated).SetName("truncated");
        yield return new TestCaseData((byte[])[.. valid, 0], TrapRejection.TrailingBytes).SetName("trailing byte");
        yield return new TestCaseData((byte[])[0x30, 0x80, .. valid[2..], 0, 0], TrapRejection.BadLength).SetName("indefinite length");
        yield return new TestCaseData(Sequence(IntegerValue(3), OctetString("x")), TrapRejection.UnsupportedVersion).SetName("SNMPv3");
        yield return new TestCaseData(Sequence(IntegerValue(1), OctetString("public"), Tlv(BerTags.GetRequest, IntegerValue(1), IntegerValue(0),
            IntegerValue(0), Sequence())), TrapRejection.NotATrap).SetName("GetRequest");
        yield return new TestCaseData(TrapPackets.V2c(BerTags.TrapV2, "public", 1, TrapPackets.LinkDown, Varbind("1.3.6.1", Tlv(0x47, [1]))),
            TrapRejection.BadValue).SetName("unknown value type");
        yield return new TestCaseData(TrapPackets.V2c(BerTags.TrapV2, "public", 1, TrapPackets.LinkDown, Varbind("1.3.6.1", Tlv(BerTags.IpAddress, [1, 2, 3]))),
            TrapRejection.BadValue).SetName("3-byte IpAddress");
        yield return new TestCaseData(TrapPackets.V2c(BerTags.TrapV2, "public", 1, TrapPackets.LinkDown, Varbind("1.3.6.1", Tlv(BerTags.Integer32, [1, 2, 3, 4, 5]))),
            TrapRejection.BadValue).SetName("5-byte INTEGER");
        yield return new TestCaseData(TrapPackets.V2c(BerTags.TrapV2, "public", 1, TrapPackets.LinkDown, Varbind("1.3.6.1", Tlv(BerTags.Counter32, [1, 0, 0, 0, 0]))),
            TrapRejection.BadValue).SetName("Counter32 over 32 bits");
        yield return new TestCaseData(TrapPackets.V2c(BerTags.TrapV2, "public", 1, TrapPackets.LinkDown, Varbind("1.3.6.1", Tlv(BerTags.NoSuchObject, [0]))),
            TrapRejection.BadValue).SetName("noSuchObject with contents");
        yield return new TestCaseData(TrapPackets.V2c(BerTags.TrapV2, "public", 1, TrapPackets.LinkDown,
            Sequence(Tlv(BerTags.ObjectIdentifier, [0x2B, 0x90, 0x80, 0x80, 0x80, 0x80, 0x01]), Null())), TrapRejection.BadOid).SetName("OID arc over 32 bits");
        yield return new TestCaseData(TrapPackets.V2c(BerTags.TrapV2, "public", 1, TrapPackets.LinkDown,
            Sequence(Tlv(BerTags.ObjectIdentifier, [0x2B, 0x86]), Null())), TrapRejection.BadOid).SetName("OID ending mid-arc");
        yield return new TestCaseData(Sequence(IntegerValue(1), OctetString("public"), Tlv(BerTags.TrapV2, IntegerValue(1), IntegerValue(0), IntegerValue(0),
            Sequence(Varbind(SnmpTrapDecoder.SnmpTrapOid0, Oid(TrapPackets.LinkDown))))), TrapRejection.MissingSysUpTime).SetName("no sysUpTime.0");
        yield return new TestCaseData(Sequence(IntegerValue(1), OctetString("public"), Tlv(BerTags.TrapV2, IntegerValue(1), IntegerValue(0), IntegerValue(0),
            Sequence(Varbind(SnmpTrapDecoder.SysUpTime0, UnsignedValue(BerTags.TimeTicks, 1))))), TrapRejection.MissingTrapOid).SetName("no snmpTrapOID.0");
        yield return new TestCaseData(TrapPackets.V1("1.3.6.1.4.1.9", "192.0.2.1", 7, 0), TrapRejection.BadGenericTrap).SetName("generic trap 7");
        yield return new TestCaseData(Sequence(IntegerValue(0), OctetString("public"), Tlv(BerTags.TrapV2, IntegerValue(1))),
            TrapRejection.VersionMismatch).SetName("v2 PDU in a v1 message");
        yield return new TestCaseData(Sequence(IntegerValue(1), OctetString("public"), Tlv(0x99, IntegerValue(1))),
            TrapRejection.UnexpectedTag).SetName("unknown PDU");
        yield return new TestCaseData(TrapPackets.V2c(TrapPackets.LinkDown, [.. Enumerable.Repeat(Varbind("1.3.6.1", Null()), SnmpTrapDecoder.MaxVarbinds)]),
            TrapRejection.TooManyVarbinds).SetName("too many varbinds");
    }

    [TestCaseSource(nameof(Malformed))]
    public void Malformed_packets_are_rejected_with_their_reason(byte[] packet, string reason)
    {
        var result = SnmpTrapDecoder.Decode(packet);

        Assert.That(result.IsDecoded, Is.False);
        Assert.That(result.Rejection, Is.EqualTo(reason));
    }
}
