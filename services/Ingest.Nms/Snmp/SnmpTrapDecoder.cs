using System.Globalization;
using System.Text;

namespace Correlation.Ingest.Nms.Snmp;

/// <summary>
/// Decodes one SNMP datagram into a trap: v1 Trap-PDU (RFC 1157), v2c SNMPv2-Trap-PDU and InformRequest
/// (RFC 3416). Strict: every length inside its container, nothing after the message, the v2c trap's
/// first two bindings sysUpTime.0 and snmpTrapOID.0. Any input gives a result, never an exception.
/// </summary>
public static class SnmpTrapDecoder
{
    public const int MaxVarbinds = 512;
    public const string SysUpTime0 = "1.3.6.1.2.1.1.3.0";
    public const string SnmpTrapOid0 = "1.3.6.1.6.3.1.1.4.1.0";
    public const string SnmpTrapsPrefix = "1.3.6.1.6.3.1.1.5.";
    private const int MaxCommunityBytes = 255;

    public static DecodeResult<SnmpTrap> Decode(ReadOnlySpan<byte> datagram)
    {
        var outer = new BerReader(datagram);
        if (!outer.TryEnter(BerTags.Sequence, out var message, out _))
        {
            return DecodeResult.Rejected<SnmpTrap>(outer.Error);
        }

        if (!outer.AtEnd)
        {
            return DecodeResult.Rejected<SnmpTrap>(TrapRejection.TrailingBytes);
        }

        if (!message.TryRead(BerTags.Integer32, out var versionBytes) || !BerPrimitives.TryInt32(versionBytes, out var version))
        {
            return DecodeResult.Rejected<SnmpTrap>(message.Error.Length > 0 ? message.Error : TrapRejection.BadInteger);
        }

        if (version is not (0 or 1))
        {
            return DecodeResult.Rejected<SnmpTrap>(TrapRejection.UnsupportedVersion);
        }

        if (!message.TryRead(BerTags.OctetString, out var communityBytes) || communityBytes.Length > MaxCommunityBytes)
        {
            return DecodeResult.Rejected<SnmpTrap>(TrapRejection.BadCommunity);
        }

        var header = new Header((SnmpVersion)version, Encoding.UTF8.GetString(communityBytes));
        var tag = message.PeekTag();
        var expected = header.Version == SnmpVersion.V1 ? BerTags.TrapV1 : tag is BerTags.InformRequest ? BerTags.InformRequest : BerTags.TrapV2;
        if (tag != expected)
        {
            return DecodeResult.Rejected<SnmpTrap>(tag switch
            {
                BerTags.TrapV1 or BerTags.TrapV2 or BerTags.InformRequest => TrapRejection.VersionMismatch,
                >= BerTags.GetRequest and <= BerTags.Report => TrapRejection.NotATrap,
                _ => TrapRejection.UnexpectedTag,
            });
        }

        if (!message.TryEnter(tag, out var pdu, out _))
        {
            return DecodeResult.Rejected<SnmpTrap>(message.Error);
        }

        if (!message.AtEnd)
        {
            return DecodeResult.Rejected<SnmpTrap>(TrapRejection.TrailingBytes);
        }

        return tag == BerTags.TrapV1 ? DecodeV1(header, ref pdu) : DecodeV2(header, tag, ref pdu);
    }

    private static DecodeResult<SnmpTrap> DecodeV1(Header header, ref BerReader pdu)
    {
        if (!pdu.TryRead(BerTags.ObjectIdentifier, out var enterpriseBytes))
        {
            return DecodeResult.Rejected<SnmpTrap>(pdu.Error);
        }

        if (!BerPrimitives.TryOid(enterpriseBytes, out var enterprise))
        {
            return DecodeResult.Rejected<SnmpTrap>(TrapRejection.BadOid);
        }

        if (!pdu.TryRead(BerTags.IpAddress, out var agentBytes) || !BerPrimitives.TryIpAddress(agentBytes, out var agent))
        {
            return DecodeResult.Rejected<SnmpTrap>(TrapRejection.BadAgentAddress);
        }

        if (!pdu.TryRead(BerTags.Integer32, out var genericBytes) || !BerPrimitives.TryInt32(genericBytes, out var generic) || generic is < 0 or > 6)
        {
            return DecodeResult.Rejected<SnmpTrap>(TrapRejection.BadGenericTrap);
        }

        if (!pdu.TryRead(BerTags.Integer32, out var specificBytes) || !BerPrimitives.TryInt32(specificBytes, out var specific))
        {
            return DecodeResult.Rejected<SnmpTrap>(TrapRejection.BadInteger);
        }

        if (!pdu.TryRead(BerTags.TimeTicks, out var ticksBytes) || !BerPrimitives.TryUnsigned(ticksBytes, 32, out var ticks))
        {
            return DecodeResult.Rejected<SnmpTrap>(TrapRejection.BadValue);
        }

        var varbinds = new List<SnmpVarbind>();
        var rejection = ReadVarbindList(ref pdu, varbinds, out var list);
        if (rejection is not null)
        {
            return DecodeResult.Rejected<SnmpTrap>(rejection);
        }

        // RFC 3584 3.1: generic traps 0-5 are snmpTraps.(generic+1); enterprise-specific ones enterprise.0.specific.
        var trapOid = generic == 6
            ? string.Create(CultureInfo.InvariantCulture, $"{enterprise}.0.{specific}")
            : string.Create(CultureInfo.InvariantCulture, $"{SnmpTrapsPrefix}{generic + 1}");
        return DecodeResult.Decoded(new SnmpTrap(header.Version, header.Community, SnmpPduKind.TrapV1, 0, trapOid,
            (uint)ticks, enterprise, agent, generic, specific, varbinds, list));
    }

    private static DecodeResult<SnmpTrap> DecodeV2(Header header, byte tag, ref BerReader pdu)
    {
        if (!pdu.TryRead(BerTags.Integer32, out var requestIdBytes) || !BerPrimitives.TryInt32(requestIdBytes, out var requestId)
            || !pdu.TryRead(BerTags.Integer32, out var errorStatus) || !BerPrimitives.TryInt32(errorStatus, out _)
            || !pdu.TryRead(BerTags.Integer32, out var errorIndex) || !BerPrimitives.TryInt32(errorIndex, out _))
        {
            return DecodeResult.Rejected<SnmpTrap>(pdu.Error.Length > 0 ? pdu.Error : TrapRejection.BadInteger);
        }

        var varbinds = new List<SnmpVarbind>();
        var rejection = ReadVarbindList(ref pdu, varbinds, out var list);
        if (rejection is not null)
        {
            return DecodeResult.Rejected<SnmpTrap>(rejection);
        }

        if (varbinds.Count < 1 || varbinds[0] is not { Oid: SysUpTime0, Type: SnmpType.TimeTicks })
        {
            return DecodeResult.Rejected<SnmpTrap>(TrapRejection.MissingSysUpTime);
        }

        if (varbinds.Count < 2 || varbinds[1] is not { Oid: SnmpTrapOid0, Type: SnmpType.ObjectIdentifier })
        {
            return DecodeResult.Rejected<SnmpTrap>(TrapRejection.MissingTrapOid);
        }

        var uptime = uint.Parse(varbinds[0].Value, CultureInfo.InvariantCulture);
        var kind = tag == BerTags.InformRequest ? SnmpPduKind.Inform : SnmpPduKind.TrapV2;
        return DecodeResult.Decoded(new SnmpTrap(header.Version, header.Community, kind, requestId, varbinds[1].Value,
            uptime, null, null, null, null, varbinds[2..], list));
    }

    private static string? ReadVarbindList(ref BerReader pdu, List<SnmpVarbind> varbinds, out Range range)
    {
        range = default;
        if (!pdu.TryEnter(BerTags.Sequence, out var list, out var start))
        {
            return pdu.Error;
        }

        if (!pdu.AtEnd)
        {
            return TrapRejection.TrailingBytes;
        }

        range = start..pdu.Position;
        while (!list.AtEnd)
        {
            if (varbinds.Count == MaxVarbinds)
            {
                return TrapRejection.TooManyVarbinds;
            }

            if (!list.TryEnter(BerTags.Sequence, out var binding, out _))
            {
                return list.Error;
            }

            var rejection = SnmpValueDecoder.ReadVarbind(ref binding, out var varbind);
            if (rejection is not null)
            {
                return rejection;
            }

            varbinds.Add(varbind!);
        }

        return null;
    }

    private readonly record struct Header(SnmpVersion Version, string Community);
}
