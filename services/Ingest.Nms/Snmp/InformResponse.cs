namespace Correlation.Ingest.Nms.Snmp;

/// <summary>
/// The Response-PDU that acknowledges an InformRequest (RFC 3416 4.2.7): same request-id, no error, and
/// the request's variable bindings echoed as they were received.
/// </summary>
public static class InformResponse
{
    public static byte[] Encode(SnmpTrap inform, ReadOnlySpan<byte> datagram)
    {
        ArgumentNullException.ThrowIfNull(inform);
        var varbinds = datagram[inform.VarbindList].ToArray();
        return BerEncoder.Sequence(
            BerEncoder.IntegerValue((int)inform.Version),
            BerEncoder.OctetString(inform.Community),
            BerEncoder.Tlv(BerTags.Response,
                BerEncoder.IntegerValue(inform.RequestId),
                BerEncoder.IntegerValue(0),
                BerEncoder.IntegerValue(0),
                varbinds));
    }
}
