namespace Correlation.Ingest.Feeds.Tests.PagerDuty;

/// <summary>Events API v2 alert events as a monitoring tool sends them to /v2/enqueue (from PagerDuty's documentation).</summary>
internal static class PagerDutyPayloads
{
    public const string RoutingKey = "R0UT1NGKEY0123456789ABCDEFGHIJKL";

    public const string Trigger = $$"""
        {
          "routing_key": "{{RoutingKey}}",
          "event_action": "trigger",
          "dedup_key": "leeds-ups-1/on-battery",
          "payload": {
            "summary": "UPS leeds-ups-1 on battery: mains lost",
            "timestamp": "2026-11-23T10:15:02.250+0000",
            "source": "leeds-ups-1",
            "severity": "error",
            "component": "mains-input",
            "group": "leeds-power",
            "class": "power_on_battery",
            "custom_details": { "site": "leeds", "battery_runtime_min": 41, "load_pct": "62" }
          },
          "client": "Zabbix leeds",
          "client_url": "https://zabbix.noc.example/tr_events.php?triggerid=4711",
          "links": [ { "href": "https://zabbix.noc.example/hosts/leeds-ups-1", "text": "Host" } ],
          "images": [ { "src": "https://zabbix.noc.example/chart.png?itemid=9", "alt": "Load" } ]
        }
        """;

    public const string Acknowledge = $$"""
        { "routing_key": "{{RoutingKey}}", "dedup_key": "leeds-ups-1/on-battery", "event_action": "acknowledge" }
        """;

    public const string Resolve = $$"""
        { "routing_key": "{{RoutingKey}}", "dedup_key": "leeds-ups-1/on-battery", "event_action": "resolve" }
        """;

    public const string TriggerWithoutDedupKey = $$"""
        {
          "routing_key": "{{RoutingKey}}",
          "event_action": "trigger",
          "payload": { "summary": "Disk /var 97% full on york-db-1", "source": "york-db-1", "severity": "warning" }
        }
        """;
}
