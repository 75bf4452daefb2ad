using Correlation.Ingest.Feeds.CloudEvents;
using Correlation.Ingest.Feeds.Pipeline;

namespace Correlation.Benchmarks.Feeds;

/// <summary>A CloudEvents batch (application/cloudevents-batch+json) of 100 events, each a generic alarm.</summary>
public class CloudEventsParseBenchmark : FeedParseBenchmark
{
    protected override IFeed CreateFeed() => new CloudEventsFeed(Options, TimeProvider.System);

    protected override (string Name, string Value)[] Headers => [("Content-Type", "application/cloudevents-batch+json")];

    protected override string Body(int count) => "[" + string.Join(',', Enumerable.Range(0, count).Select(i => $$$"""
        {"specversion":"1.0","type":"com.example.nms.alarm","source":"/nms/north","id":"evt-{{{i}}}","time":"2026-11-23T10:12:30Z",
         "datacontenttype":"application/json","data":{"resource":"hull-mw-{{{i}}}","site":"hull","alarmType":"link_down",
         "severity":"major","summary":"Microwave link {{{i}}} lost","labels":{"instance":"radio-0"}} }
        """)) + "]";
}
