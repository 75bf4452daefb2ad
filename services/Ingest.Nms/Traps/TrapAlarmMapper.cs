using System.Globalization;
using System.Net;
using Correlation.Contracts;
using Correlation.Ingest.Nms.Mapping;
using Correlation.Ingest.Nms.Snmp;

namespace Correlation.Ingest.Nms.Traps;

/// <summary>
/// Turns a decoded trap into an Alarm by the first rule that matches its trap OID. The fingerprint is
/// resource + alarm type + instance, so a linkUp (a clear of link_down) meets the linkDown it ends.
/// </summary>
public sealed class TrapAlarmMapper(TrapRuleSet rules, OidNames names, TimeProvider time)
{
    public const string SourceName = "snmp";
    private const string IndexSuffix = ".index";

    /// <returns>The alarm, or null when no rule takes the trap.</returns>
    public Alarm? Map(SnmpTrap trap, IPAddress source, ReadOnlySpan<byte> datagram)
    {
        ArgumentNullException.ThrowIfNull(trap);
        ArgumentNullException.ThrowIfNull(source);
        var rule = rules.Match(trap.TrapOid);
        if (rule is null)
        {
            return null;
        }

        var sender = (source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source).ToString();
        var agent = trap.AgentAddress is { } address && address != "0.0.0.0" ? address : Varbind("snmpTrapAddress", trap) ?? sender;
        string? Resolve(string name) => ResolvePlaceholder(name, trap, agent, sender);

        var resource = rule.Resource.Render(Resolve);
        var instance = rule.Instance.Render(Resolve);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["agent"] = agent,
            ["sourceAddress"] = sender,
            ["trapOid"] = trap.TrapOid,
        };
        if (instance.Length > 0)
        {
            labels["instance"] = instance;
        }

        var now = time.GetUtcNow();
        return new Alarm(
            Guid.NewGuid(),
            AlarmKeys.Idempotency(SourceName, source, datagram),
            Correlation.Ingest.AlarmFingerprint.Compute(resource, rule.AlarmType, instance.Length > 0 ? instance : null),
            SourceKind.SnmpTrap,
            SourceName,
            resource.Length > 0 ? resource : agent,
            null,
            null,
            rule.AlarmType,
            rule.Severity,
            rule.Clear ? AlarmStatus.Cleared : AlarmStatus.Raised,
            rule.Summary.Render(Resolve),
            labels,
            Details(trap),
            now,
            now);
    }

    private Dictionary<string, string> Details(SnmpTrap trap)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["snmpVersion"] = trap.Version == SnmpVersion.V1 ? "v1" : "v2c",
            ["pdu"] = trap.Kind.ToString(),
            ["trapName"] = names.Describe(trap.TrapOid),
            ["sysUpTime"] = trap.Uptime.ToString(CultureInfo.InvariantCulture),
        };
        if (trap.Enterprise is not null)
        {
            details["enterprise"] = trap.Enterprise;
            details["genericTrap"] = trap.GenericTrap!.Value.ToString(CultureInfo.InvariantCulture);
            details["specificTrap"] = trap.SpecificTrap!.Value.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var varbind in trap.Varbinds)
        {
            var key = names.Describe(varbind.Oid);
            for (var n = 2; !details.TryAdd(key, varbind.Value); n++)
            {
                key = $"{names.Describe(varbind.Oid)}#{n}";
            }
        }

        return details;
    }

    private string? ResolvePlaceholder(string name, SnmpTrap trap, string agent, string sender) => name switch
    {
        "agent" => agent,
        "source" => sender,
        "trapOid" => trap.TrapOid,
        "trapName" => names.Describe(trap.TrapOid),
        "enterprise" => trap.Enterprise,
        "generic" => trap.GenericTrap?.ToString(CultureInfo.InvariantCulture),
        "specific" => trap.SpecificTrap?.ToString(CultureInfo.InvariantCulture),
        "uptime" => trap.Uptime.ToString(CultureInfo.InvariantCulture),
        ['$', ..] when int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) =>
            n >= 1 && n <= trap.Varbinds.Count ? trap.Varbinds[n - 1].Value : null,
        _ when name.EndsWith(IndexSuffix, StringComparison.Ordinal) => Index(name[..^IndexSuffix.Length], trap),
        _ => Varbind(name, trap),
    };

    private string? Varbind(string name, SnmpTrap trap) => Find(names.OidOf(name), trap)?.Value;

    private string? Index(string name, SnmpTrap trap)
    {
        var prefix = names.OidOf(name);
        return Find(prefix, trap) is { } varbind && varbind.Oid.Length > prefix.Length ? varbind.Oid[(prefix.Length + 1)..] : null;
    }

    /// <summary>The first varbind whose OID is <paramref name="prefix"/> or lies under it.</summary>
    private static SnmpVarbind? Find(string prefix, SnmpTrap trap)
    {
        foreach (var varbind in trap.Varbinds)
        {
            var oid = varbind.Oid;
            if (oid.StartsWith(prefix, StringComparison.Ordinal) && (oid.Length == prefix.Length || oid[prefix.Length] == '.'))
            {
                return varbind;
            }
        }

        return null;
    }
}
