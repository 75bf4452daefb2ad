namespace Correlation.Ingest.Nms.Traps;

/// <summary>
/// Names for the columns and traps that the built-in rules and most templates need (SNMPv2-MIB, IF-MIB,
/// ENTITY-MIB, ENTITY-STATE-MIB, BGP4-MIB), so that a template can say {ifDescr} instead of an OID.
/// Configuration adds more ("Nms:Snmp:Names").
/// </summary>
public sealed class OidNames
{
    public static readonly IReadOnlyDictionary<string, string> BuiltIn = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sysUpTime"] = "1.3.6.1.2.1.1.3",
        ["sysName"] = "1.3.6.1.2.1.1.5",
        ["ifIndex"] = "1.3.6.1.2.1.2.2.1.1",
        ["ifDescr"] = "1.3.6.1.2.1.2.2.1.2",
        ["ifType"] = "1.3.6.1.2.1.2.2.1.3",
        ["ifAdminStatus"] = "1.3.6.1.2.1.2.2.1.7",
        ["ifOperStatus"] = "1.3.6.1.2.1.2.2.1.8",
        ["ifName"] = "1.3.6.1.2.1.31.1.1.1.1",
        ["ifAlias"] = "1.3.6.1.2.1.31.1.1.1.18",
        ["entPhysicalDescr"] = "1.3.6.1.2.1.47.1.1.1.1.2",
        ["entPhysicalName"] = "1.3.6.1.2.1.47.1.1.1.1.7",
        ["entStateAdmin"] = "1.3.6.1.2.1.131.1.1.1.2",
        ["entStateOper"] = "1.3.6.1.2.1.131.1.1.1.3",
        ["entStateAlarm"] = "1.3.6.1.2.1.131.1.1.1.5",
        ["bgpPeerState"] = "1.3.6.1.2.1.15.3.1.2",
        ["bgpPeerRemoteAddr"] = "1.3.6.1.2.1.15.3.1.7",
        ["bgpPeerLastError"] = "1.3.6.1.2.1.15.3.1.14",
        ["snmpTrapAddress"] = "1.3.6.1.6.3.18.1.3",
        ["coldStart"] = "1.3.6.1.6.3.1.1.5.1",
        ["warmStart"] = "1.3.6.1.6.3.1.1.5.2",
        ["linkDown"] = "1.3.6.1.6.3.1.1.5.3",
        ["linkUp"] = "1.3.6.1.6.3.1.1.5.4",
        ["authenticationFailure"] = "1.3.6.1.6.3.1.1.5.5",
        ["entConfigChange"] = "1.3.6.1.2.1.47.2.0.1",
        ["entStateOperEnabled"] = "1.3.6.1.2.1.131.0.1",
        ["entStateOperDisabled"] = "1.3.6.1.2.1.131.0.2",
        ["bgpEstablished"] = "1.3.6.1.2.1.15.0.1",
        ["bgpBackwardTransition"] = "1.3.6.1.2.1.15.0.2",
    };

    private readonly Dictionary<string, string> _byName;
    private readonly (string Prefix, string Name)[] _byLongestOid;

    public OidNames(IReadOnlyDictionary<string, string> extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        _byName = new Dictionary<string, string>(BuiltIn, StringComparer.Ordinal);
        foreach (var (name, oid) in extra)
        {
            _byName[name] = oid.TrimStart('.');
        }

        _byLongestOid = [.. _byName.Select(e => (e.Value, e.Key)).OrderByDescending(e => e.Value.Length)];
    }

    /// <summary>The OID a name or dotted OID stands for.</summary>
    public string OidOf(string nameOrOid) => _byName.TryGetValue(nameOrOid, out var oid) ? oid : nameOrOid;

    /// <summary>"ifDescr.3" for 1.3.6.1.2.1.2.2.1.2.3; the OID itself when no name covers it.</summary>
    public string Describe(string oid)
    {
        ArgumentNullException.ThrowIfNull(oid);
        foreach (var (prefix, name) in _byLongestOid)
        {
            if (oid.Length == prefix.Length && oid == prefix)
            {
                return name;
            }

            if (oid.Length > prefix.Length && oid[prefix.Length] == '.' && oid.StartsWith(prefix, StringComparison.Ordinal))
            {
                return string.Concat(name, oid.AsSpan(prefix.Length));
            }
        }

        return oid;
    }
}
