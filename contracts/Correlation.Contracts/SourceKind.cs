namespace Correlation.Contracts;

/// <summary>The family of feed an alarm arrived through.</summary>
public enum SourceKind
{
    Generic = 1,
    Alertmanager = 2,
    Prometheus = 3,
    PagerDuty = 4,
    Grafana = 5,
    CloudEvents = 6,
    SnmpTrap = 7,
    Syslog = 8,
    Email = 9,
    Chat = 10,
}
