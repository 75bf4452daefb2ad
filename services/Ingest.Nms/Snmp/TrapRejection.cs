namespace Correlation.Ingest.Nms.Snmp;

/// <summary>Why a datagram was not accepted as a trap: the "reason" of the rejected counter.</summary>
public static class TrapRejection
{
    public const string Truncated = "truncated";
    public const string BadLength = "bad_length";
    public const string UnexpectedTag = "unexpected_tag";
    public const string TrailingBytes = "trailing_bytes";
    public const string UnsupportedVersion = "unsupported_version";
    public const string BadCommunity = "bad_community";
    public const string NotATrap = "not_a_trap";
    public const string VersionMismatch = "pdu_version_mismatch";
    public const string BadInteger = "bad_integer";
    public const string BadOid = "bad_oid";
    public const string BadAgentAddress = "bad_agent_address";
    public const string BadGenericTrap = "bad_generic_trap";
    public const string BadValue = "bad_value";
    public const string TooManyVarbinds = "too_many_varbinds";
    public const string MissingSysUpTime = "missing_sysuptime";
    public const string MissingTrapOid = "missing_trap_oid";
    public const string Oversized = "oversized";
    public const string CommunityNotAllowed = "community_not_allowed";
}
