using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Correlation.Ingest.Nms.Listening;
using Correlation.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Correlation.ServiceDefaults.Tests.MetricNames;

namespace Correlation.ServiceDefaults.Tests;

/// <summary>
/// Alarms from three kinds of source through the real pipeline (HTTP generic and Alertmanager feeds, syslog
/// over TCP), then /metrics scraped over HTTP: every named metric is there and counts what was sent. One
/// host serves the fixture; the counts are exact because nothing else sends to it and it runs one correlator.
/// </summary>
public sealed partial class MetricsEndpointTests
{
    private const int Generic = 55;
    private const int Alertmanager = 2;
    private const int Syslog = 1;
    private const int Alarms = Generic + Alertmanager + Syslog;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private MetricsHost _host = null!;
    private PrometheusScrape _scrape = null!;

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        _host = await MetricsHost.StartAsync();

        // The sample storm (50 alarms from Leeds, 5 from York) posted several at a time.
        var storm = SampleStorm();
        using var gate = new SemaphoreSlim(8);
        var posted = await Task.WhenAll(storm.Select(async json =>
        {
            await gate.WaitAsync();
            try
            {
                return await PostAsync("/api/v1/alarms", json);
            }
            finally
            {
                gate.Release();
            }
        }));
        Assert.That(posted, Has.All.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await PostAsync("/api/v1/feeds/alertmanager", AlertmanagerNotification("metrics-am-sw-1", "metrics-am-sw-2")),
            Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await PostAsync("/api/v1/alarms", """{"resource":"ghost-1","site":"ghost","alarmType":"link_down","severity":"urgent","summary":"s"}"""),
            Is.EqualTo(HttpStatusCode.BadRequest));
        await SendSyslogAsync("<187>Nov  3 09:23:38 york-sw-01 cisco[112]: %LINK-3-UPDOWN: Interface Gi0/9, changed state to down");

        // Every alarm decided, a paged incident escalated (a second unacknowledged), the console's backlog sampled.
        _scrape = await Eventually.ReturnsAsync(_host.ScrapeAsync,
            s => s.Sum(Decisions) >= Alarms && s.Sum(Escalations) > 0 && s.Sum(OpenIncidents) > 0
                && s.Sum(Triaged) > 0 && s.Sum(Routed) > 0,
            Patience, $"{Alarms} decisions, an escalation and the open incidents on /metrics");
    }

    [OneTimeTearDown]
    public async Task TearDownAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Test]
    public void Every_named_metric_is_on_the_endpoint()
    {
        Assert.That(MetricNames.All.Except(_scrape.Names), Is.Empty, "named metrics missing from /metrics");
    }

    [Test]
    public void Alarms_received_and_published_are_counted_per_source()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_scrape.Sum(AlarmsReceived, ("source", "generic")), Is.EqualTo(Generic));
            Assert.That(_scrape.Sum(AlarmsReceived, ("source", "alertmanager")), Is.EqualTo(Alertmanager));
            Assert.That(_scrape.Sum(AlarmsReceived, ("source", "syslog")), Is.EqualTo(Syslog), "NMS alarms are counted with every other source");
            Assert.That(_scrape.Sum(AlarmsReceived), Is.EqualTo(Alarms));
            Assert.That(_scrape.Sum(AlarmsPublished), Is.EqualTo(Alarms));
            Assert.That(_scrape.Sum(NmsReceived, ("listener", NmsListeners.SyslogTcp)), Is.EqualTo(Syslog));
        });
    }

    [Test]
    public void A_refused_alarm_is_counted_by_source_and_reason()
    {
        var rejected = _scrape.Where(Rejected, ("source", "generic")).ToList();
        Assert.That(rejected.Sum(s => s.Value), Is.EqualTo(1));
        Assert.That(rejected.Single(s => s.Value > 0)["reason"], Is.Not.Empty);
    }

    [Test]
    public void Every_alarm_is_decided_once_and_compression_follows_from_the_outcomes()
    {
        var decisions = _scrape.Sum(Decisions);
        var opened = _scrape.Sum(Decisions, ("outcome", "opened"));
        Assert.Multiple(() =>
        {
            Assert.That(decisions, Is.EqualTo(Alarms));
            // Leeds, York, the Alertmanager site: the storm's 55 alarms are two incidents.
            Assert.That(opened, Is.InRange(3, 5));
            Assert.That(1 - (opened / decisions), Is.GreaterThan(0.9), "alarms to incidents compression");
            Assert.That(_scrape.Where(Merged), Is.Not.Empty, "the merge counter is there before the first merge");
        });
    }

    [Test]
    public void The_latency_histograms_hold_a_sample_for_every_alarm()
    {
        foreach (var name in new[] { DecisionLatency, EndToEndLatency })
        {
            var count = _scrape.Sum(name + "_count");
            var sum = _scrape.Sum(name + "_sum");
            var infinite = _scrape.Sum(name + "_bucket", ("le", "+Inf"));
            Assert.Multiple(() =>
            {
                Assert.That(count, Is.EqualTo(Alarms), name);
                Assert.That(infinite, Is.EqualTo(Alarms), name + ": the +Inf bucket holds every sample");
                Assert.That(sum, Is.GreaterThan(0), name);
                Assert.That(_scrape.Where(name + "_bucket").Select(s => s["le"]).Distinct().Count(), Is.GreaterThan(10), name + ": buckets");
            });
        }

        // From ingest to decision takes at least as long as the decision itself.
        Assert.That(_scrape.Sum(EndToEndLatency + "_sum"), Is.GreaterThanOrEqualTo(_scrape.Sum(DecisionLatency + "_sum")));
        var p99 = Quantile(_scrape, EndToEndLatency, 0.99);
        Assert.That(p99, Is.GreaterThan(0).And.LessThan(Patience.TotalMilliseconds), "p99 from the histogram, as the dashboard works it out");
    }

    [Test]
    public void Triage_routing_escalations_and_open_incidents_by_priority_are_counted()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_scrape.Sum(Triaged, ("priority", "P1")), Is.GreaterThanOrEqualTo(1), "the Leeds storm is a P1");
            Assert.That(_scrape.Sum(Routed), Is.GreaterThanOrEqualTo(1));
            Assert.That(_scrape.Sum(Escalations, ("reason", "NotAcknowledged")), Is.GreaterThanOrEqualTo(1));
            Assert.That(_scrape.Where(OpenIncidents).Select(s => s["priority"]), Is.SupersetOf(new[] { "P1", "P2", "P3", "P4", "none" }),
                "every priority is reported, none open as 0");
            Assert.That(_scrape.Sum(OpenIncidents, ("priority", "P1")), Is.GreaterThanOrEqualTo(1));
            Assert.That(_scrape.Sum(OpenIncidents), Is.LessThanOrEqualTo(_scrape.Sum(Decisions, ("outcome", "opened"))));
        });
    }

    [Test]
    public void MassTransit_reports_each_queue_received_in_flight_and_waited()
    {
        var queue = _host.EntityPrefix + "-alarms-received";
        Assert.Multiple(() =>
        {
            Assert.That(_scrape.Sum(Received, ("messaging_masstransit_destination", queue)), Is.GreaterThanOrEqualTo(1), queue);
            Assert.That(_scrape.Where(InFlight, ("messaging_masstransit_destination", queue)), Is.Not.Empty, "in flight on " + queue);
            Assert.That(_scrape.Sum(Consumed, ("messaging_masstransit_consumer_type", "AlarmsReceivedConsumer")), Is.GreaterThanOrEqualTo(1));
            Assert.That(_scrape.Sum(QueueWait + "_count", ("messaging_masstransit_destination", queue)), Is.GreaterThanOrEqualTo(1));
            // Queues named by hand (the router's) carry the prefix too: another pipeline on the broker never takes this one's messages.
            Assert.That(_scrape.Where(Received).Select(s => s["messaging_masstransit_destination"]), Has.All.StartsWith(_host.EntityPrefix + "-"));
        });
    }

    [Test]
    public async Task One_trace_follows_an_alarm_from_ingest_through_the_correlator_triage_and_the_router()
    {
        // The pipeline is quiet after the set-up: this alarm is a batch of its own and opens an incident of its own.
        // (In a storm the correlator's batch continues the trace of one of its messages and links to all of them, and
        // triage and the router work on the incident's newest version, whichever alarm's trace that came in.)
        var traced = ActivityTraceId.CreateRandom();
        Assert.That(await PostAsync("/api/v1/alarms", """{"resource":"metrics-trace-1","site":"metrics-trace","alarmType":"link_down","severity":"major","summary":"traced"}""", traced),
            Is.EqualTo(HttpStatusCode.Accepted));
        string[] hops = ["AlarmsReceivedConsumer", "TriageIncidentConsumer", "IncidentRoutingConsumer"];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var spans = Followed(traced);
        while (!Consumers(spans).IsSupersetOf(hops) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            spans = Followed(traced);
        }

        var seen = string.Join("\n", spans.Select(s => $"{s.TraceId} {s.Source} {s.Kind} {s.Name}"));
        Assert.Multiple(() =>
        {
            Assert.That(Consumers(spans), Is.SupersetOf(hops), "the alarm's spans:\n" + seen);
            Assert.That(_host.Spans.LinkedTo(traced).Select(s => s.Name), Does.Contain("correlate batch"), "the batch's span links to the alarm's trace");
            Assert.That(spans.Where(s => s.Kind == ActivityKind.Server).Select(s => s.Source), Does.Contain("Microsoft.AspNetCore"), seen);
            Assert.That(spans.Where(s => s.Kind == ActivityKind.Producer).Select(s => s.Source), Does.Contain(TelemetryExtensions.MassTransitName), seen);
            Assert.That(spans.Select(s => s.Source), Is.SupersetOf(new[] { "Correlation.Correlator", "Correlation.Triage" }), "the services' own spans:\n" + seen);
        });
    }

    /// <summary>A trace's spans, and those of the traces that link to it.</summary>
    private List<Span> Followed(ActivityTraceId trace)
    {
        var linking = _host.Spans.LinkedTo(trace).Select(s => s.TraceId).Distinct();
        return [.. _host.Spans.Of(trace), .. linking.Where(t => t != trace).SelectMany(_host.Spans.Of)];
    }

    /// <summary>The consumers (by class name) that processed a message in these spans.</summary>
    private static HashSet<string> Consumers(IEnumerable<Span> spans) =>
        [.. spans.Select(s => s.Tags.GetValueOrDefault("messaging.masstransit.consumer_type")).OfType<string>().Select(t => t[(t.LastIndexOf('.') + 1)..])];

    /// <summary>The quantile as Prometheus' histogram_quantile works it out: linear within the bucket it falls in.</summary>
    private static double Quantile(PrometheusScrape scrape, string histogram, double q)
    {
        var buckets = scrape.Where(histogram + "_bucket")
            .GroupBy(s => s["le"] == "+Inf" ? double.PositiveInfinity : double.Parse(s["le"]!, CultureInfo.InvariantCulture))
            .Select(g => (Le: g.Key, Count: g.Sum(s => s.Value)))
            .OrderBy(b => b.Le)
            .ToList();
        var rank = q * buckets[^1].Count;
        var (lower, below) = (0.0, 0.0);
        foreach (var (le, count) in buckets)
        {
            if (count >= rank)
            {
                return double.IsPositiveInfinity(le) ? lower : lower + ((le - lower) * (rank - below) / Math.Max(1, count - below));
            }

            (lower, below) = (le, count);
        }

        return lower;
    }

    private async Task<HttpStatusCode> PostAsync(string path, string json, ActivityTraceId? trace = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (trace is { } id)
        {
            request.Headers.Add("traceparent", $"00-{id.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        }

        using var response = await _host.Client.SendAsync(request);
        return response.StatusCode;
    }

    private async Task SendSyslogAsync(string line)
    {
        var endpoint = _host.Web.Services.GetRequiredService<NmsListeners>().EndpointOf(NmsListeners.SyslogTcp);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint);
        await tcp.GetStream().WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
    }

    private static List<string> SampleStorm()
    {
        var file = Path.Combine(TestServers.RepositoryRoot(), "deploy", "samples", "sample-storm.json");
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var storm = document.RootElement.EnumerateArray().Select(a => a.GetRawText()).ToList();
        Assert.That(storm, Has.Count.EqualTo(Generic));
        return storm;
    }

    private static string AlertmanagerNotification(params string[] switches) =>
        JsonSerializer.Serialize(new
        {
            version = "4",
            groupKey = "{}:{site=\"metrics-am\"}",
            status = "firing",
            receiver = "correlation",
            alerts = switches.Select(sw => new
            {
                status = "firing",
                labels = new Dictionary<string, string>
                {
                    ["alertname"] = "InterfaceDown", ["instance"] = sw + ":9116", ["job"] = "snmp", ["severity"] = "critical", ["site"] = "metrics-am",
                },
                annotations = new { summary = $"Uplink down on {sw}" },
                startsAt = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O"),
                endsAt = "0001-01-01T00:00:00Z",
                fingerprint = "fp-" + sw,
            }),
        });
}
