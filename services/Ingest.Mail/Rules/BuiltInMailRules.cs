namespace Correlation.Ingest.Mail.Rules;

/// <summary>
/// The notification mails monitoring tools send out of the box, tried after the configured rules:
/// Nagios (and Icinga 1, which kept its commands) "** PROBLEM Service Alert: host/service is CRITICAL **",
/// Icinga 2's "[PROBLEM] service on host is CRITICAL!", and Zabbix's "Problem: …" / "Resolved in 5m: …".
/// A recovery renders the same resource, type and instance as its problem, so it clears it. Other
/// notifications (acknowledgements, flapping, downtime, problem updates) become informational
/// "monitoring_notice" alarms, so they neither raise nor clear the condition.
/// </summary>
public static class BuiltInMailRules
{
    public const string Notice = "monitoring_notice";

    public static IReadOnlyList<MailRuleOptions> All { get; } =
    [
        new()
        {
            Name = "nagios-service",
            Source = "nagios",
            Subject = @"\*\* (?<type>PROBLEM|RECOVERY) Service Alert: (?<host>[^/]+)/(?<service>.+) is (?<state>[A-Z]+) \*\*",
            AlarmType = "service_alert",
            Severity = "{state}",
            Cleared = "{type}",
            Resource = "{host}",
            Instance = "{service}",
            Summary = "{service} on {host} is {state}",
        },
        new()
        {
            Name = "nagios-host",
            Source = "nagios",
            Subject = @"\*\* (?<type>PROBLEM|RECOVERY) Host Alert: (?<host>.+) is (?<state>[A-Z]+) \*\*",
            AlarmType = "host_down",
            Severity = "{state}",
            Cleared = "{type}",
            Resource = "{host}",
            Summary = "{host} is {state}",
        },
        new()
        {
            Name = "nagios-notice",
            Source = "nagios",
            Subject = @"\*\* (?<type>[A-Z]+) (?:Service Alert: (?<host>[^/]+)/(?<service>.+)|Host Alert: (?<hostOnly>.+)) is (?<state>[A-Z]+) \*\*",
            AlarmType = Notice,
            Severity = "info",
            Resource = "{host|hostOnly}",
            Instance = "{type}",
            Summary = "{type}: {service|hostOnly} is {state}",
        },
        new()
        {
            Name = "icinga-service",
            Source = "icinga",
            Subject = @"^\[(?<type>PROBLEM|RECOVERY)\] (?<service>.+) on (?<host>.+) is (?<state>[A-Z]+)!",
            AlarmType = "service_alert",
            Severity = "{state}",
            Cleared = "{type}",
            Resource = "{host}",
            Instance = "{service}",
            Summary = "{service} on {host} is {state}",
        },
        new()
        {
            Name = "icinga-host",
            Source = "icinga",
            Subject = @"^\[(?<type>PROBLEM|RECOVERY)\] Host (?<host>.+) is (?<state>[A-Z]+)!",
            AlarmType = "host_down",
            Severity = "{state}",
            Cleared = "{type}",
            Resource = "{host}",
            Summary = "{host} is {state}",
        },
        new()
        {
            Name = "icinga-notice",
            Source = "icinga",
            Subject = @"^\[(?<type>[A-Z]+)\] (?:Host (?<hostOnly>.+)|(?<service>.+) on (?<host>.+)) is (?<state>[A-Z]+)!",
            AlarmType = Notice,
            Severity = "info",
            Resource = "{host|hostOnly}",
            Instance = "{type}",
            Summary = "{type}: {service|hostOnly} is {state}",
        },
        new()
        {
            Name = "zabbix-problem",
            Source = "zabbix",
            Subject = @"^(?:(?<problem>Problem)|(?<resolved>Resolved)(?: in [0-9a-z ]+)?): (?<name>.+)",
            Body = [@"(?m)^Host: (?<host>[^\r\n]+)", @"(?m)^Severity: (?<severity>[^\r\n]+)", @"(?m)^Original problem ID: (?<eventId>[0-9]+)"],
            AlarmType = "zabbix_problem",
            Severity = "{severity}",
            Cleared = "{resolved}",
            Resource = "{host|from}",
            Instance = "{name}",
            Summary = "{name}",
        },
        new()
        {
            Name = "zabbix-update",
            Source = "zabbix",
            Subject = @"^Updated problem(?: in [0-9a-z ]+)?: (?<name>.+)",
            Body = [@"(?m)^Host: (?<host>[^\r\n]+)"],
            AlarmType = Notice,
            Severity = "info",
            Resource = "{host|from}",
            Instance = "update",
            Summary = "Updated: {name}",
        },
    ];
}
