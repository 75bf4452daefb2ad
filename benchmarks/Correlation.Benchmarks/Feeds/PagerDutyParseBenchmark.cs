using Correlation.Ingest.Feeds.PagerDuty;
using Correlation.Ingest.Feeds.Pipeline;

namespace Correlation.Benchmarks.Feeds;

/// <summary>One PagerDuty Events v2 trigger (the API takes one event a request).</summary>
public class PagerDutyParseBenchmark : FeedParseBenchmark
{
    protected override int Alarms => 1;

    protected override IFeed CreateFeed() => new PagerDutyFeed(Options);

    protected override string Body(int count) => """
        {"routing_key":"R0UT1NGKEY0123456789ABCDEFGHIJKL","event_action":"trigger","dedup_key":"leeds-ups-1/on-battery",
         "payload":{"summary":"UPS leeds-ups-1 on battery","timestamp":"2026-11-23T10:15:02.250+0000","source":"leeds-ups-1",
                    "severity":"error","component":"mains-input","group":"leeds-power","class":"power_on_battery",
                    "custom_details":{"site":"leeds","battery_runtime_min":41}},
         "client":"Zabbix leeds","client_url":"https://zabbix.example/tr_events.php?triggerid=4711"}
        """;
}
