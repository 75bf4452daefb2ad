using System.Globalization;
using System.Text;
using System.Text.Json;
using Correlation.Testing;

namespace Correlation.Faults.Tests;

/// <summary>
/// Scale-out on one machine: two instances of each worker (Ingest.Feeds, the correlator, triage, the router, and the
/// console's projection) as processes on the same private broker and Redis, the instances of a service competing
/// for its queues, and the fault suite's storm split across the two ingests, sent concurrently. Nothing is killed:
/// the run shows that the pipeline with two of everything gives what one of everything gives, namely the storm's
/// ground truth (every alarm in exactly the incident of its fault, one incident per fault, one notification per
/// incident version and decision, and each console showing exactly those incidents), and that both instances of
/// every service did real work (their own /metrics counters), without which the rest would prove nothing.
/// `make test` runs the short form, `make test-scaleout` the full one.
/// </summary>
[Category("ScaleOut")]
[NonParallelizable]
public class ScaleOutTests
{
    /// <summary>What each service's instances are checked to have done, by the counter that says so on /metrics.</summary>
    private static readonly (string Service, string Work, string Metric)[] Work =
    [
        ("Ingest.Feeds", "alarms published", "correlation_ingest_alarms_published_total"),
        ("Correlator", "alarms decided", "correlation_correlator_alarms_total"),
        ("Triage", "decisions", "correlation_triage_decisions_total"),
        ("Router", "routes", "correlation_router_routed_total"),
        ("Console", "bus messages consumed", "messaging_masstransit_consume_ea_total"),
    ];

    /// <summary>How long the consoles' projection may take to catch up once the pipeline is quiet.</summary>
    private static readonly TimeSpan ConsoleWait = TimeSpan.FromSeconds(60);

    [Test]
    [CancelAfter(600_000)]
    public async Task Two_instances_of_each_worker_give_the_same_incidents_and_no_duplicates(CancellationToken cancellationToken)
    {
        var plan = ScaleOutPlan.FromEnvironment();
        var run = $"scaleout-{Guid.NewGuid().ToString("N")[..8]}";
        var storm = FaultStorm.Create(plan.Alarms, plan.AlarmsPerFault, DateTimeOffset.UtcNow);
        await using var pipeline = await FaultPipeline.StartAsync(instances: plan.Instances, console: true);
        var ingests = pipeline.Instances("Ingest.Feeds");
        var clients = ingests.Select(i => new HttpClient { BaseAddress = i.BaseAddress, Timeout = TimeSpan.FromSeconds(10) }).ToList();
        try
        {
            var sender = new AlarmSender(clients, storm, run, plan.AlarmsPerSecond);
            var sending = sender.RunAsync(cancellationToken);
            await sending;
            var sent = sender.Position;
            await StormRun.WaitForDeliveryAsync(pipeline, sender, sent, sending);
            await StormRun.WaitForQuietAsync(pipeline);

            var consoles = new Dictionary<ServiceProcess, IReadOnlyList<string>>();
            foreach (var console in pipeline.Instances("Console"))
            {
                consoles[console] = await ConsoleProblemsAsync(console, sender.Sent, sent);
            }

            var work = await ScrapeAsync(pipeline);
            var accounting = StormRun.Account(storm, sender, [new Phase($"none, {plan.Instances} of each", 0, sent, TimeSpan.Zero)], pipeline);
            var truth = Accounting.TruePartition(sender.Sent, sent);
            var why = await WhySplitAsync(pipeline.Instances("Correlator")[0], accounting);
            var queues = await pipeline.Broker.ListQueuesAsync();
            Report(plan, accounting, sender, pipeline, work, truth, consoles, why);

            var total = accounting.Total;
            Assert.Multiple(() =>
            {
                StormRun.AssertAccountedFor(sender, sent, total, queues);
                Assert.That(accounting.Partition.Except(truth), Is.Empty, "incidents (as their alarms' sequence numbers) that are not a fault of the storm");
                Assert.That(truth.Except(accounting.Partition), Is.Empty, "faults of the storm (as their alarms' sequence numbers) that are not an incident");
                foreach (var (console, problems) in consoles)
                {
                    Assert.That(problems, Is.Empty, $"{console.Label} does not show one open incident per fault, with its alarms, prioritised and routed");
                }

                foreach (var (service, what, metric) in Work)
                {
                    foreach (var instance in pipeline.Instances(service))
                    {
                        Assert.That(work[instance].Sum(metric), Is.GreaterThan(0), $"{instance.Label} did no work: no {what} ({metric})");
                    }
                }

                foreach (var (lane, ingest) in ingests.Select((ingest, lane) => (lane, ingest)))
                {
                    Assert.That(sender.Sent.Take(sent).Count(s => s.Ingest == lane && s.Ids.Count > 0), Is.GreaterThan(0), $"{ingest.Label} accepted none of the storm");
                }
            });
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>
    /// What a console shows, through its API, against the storm: one open incident per fault, whose member conditions
    /// are all that fault's, counting the alarms accepted for it, with a priority and destinations. The projection
    /// lags the bus a little, so the check is repeated for a while; the problems of the last look are returned.
    /// </summary>
    private static async Task<IReadOnlyList<string>> ConsoleProblemsAsync(ServiceProcess console, IReadOnlyList<SentAlarm> sent, int upTo)
    {
        var alarmOfId = sent.Take(upTo).SelectMany(s => s.Ids.Select(id => (id, s))).ToDictionary(x => x.id, x => x.s);
        var alarmsOfFault = sent.Take(upTo).Where(s => s.Ids.Count > 0).GroupBy(s => s.Alarm.Fault).ToDictionary(g => g.Key, g => g.Count());
        using var client = new HttpClient { BaseAddress = console.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + ConsoleWait;
        while (true)
        {
            var problems = new List<string>();
            var incidentsOfFault = new Dictionary<int, List<Guid>>();
            using var list = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/incidents?state=Open&limit=1000", UriKind.Relative)));
            foreach (var incident in list.RootElement.EnumerateArray())
            {
                var id = incident.GetProperty("id").GetGuid();
                using var members = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/v1/incidents/{id}/members", UriKind.Relative)));
                var faults = members.RootElement.EnumerateArray()
                    .Select(m => alarmOfId.TryGetValue(m.GetProperty("id").GetGuid(), out var alarm) ? alarm.Alarm.Fault : -1).Distinct().Order().ToList();
                if (faults is not [var fault] || fault < 0)
                {
                    problems.Add($"incident {id} shows members of faults {string.Join(", ", faults)} (-1: not of the storm)");
                    continue;
                }

                incidentsOfFault[fault] = [.. incidentsOfFault.GetValueOrDefault(fault) ?? [], id];
                var count = incident.GetProperty("alarmCount").GetInt32();
                if (count != alarmsOfFault[fault])
                {
                    problems.Add($"incident {id} (fault {fault}) counts {count} alarms, {alarmsOfFault[fault]} were accepted");
                }

                if (incident.GetProperty("priority").ValueKind == JsonValueKind.Null || incident.GetProperty("destinations").GetArrayLength() == 0)
                {
                    problems.Add($"incident {id} (fault {fault}) has no priority or no destinations");
                }
            }

            foreach (var fault in alarmsOfFault.Keys.Order())
            {
                var shown = incidentsOfFault.GetValueOrDefault(fault) ?? [];
                if (shown.Count != 1)
                {
                    problems.Add($"fault {fault} is shown as {shown.Count} open incidents");
                }
            }

            if (problems.Count == 0 || DateTime.UtcNow > deadline)
            {
                return problems;
            }

            await Task.Delay(1000);
        }
    }

    /// <summary>
    /// For each fault split into several incidents, why: the decision record of the alarm that opened each of them
    /// (the correlator's API), with the candidates it saw, how many times it was decided and by which correlator.
    /// </summary>
    private static async Task<IReadOnlyList<string>> WhySplitAsync(ServiceProcess correlator, Accounting accounting)
    {
        var lines = new List<string>();
        using var client = new HttpClient { BaseAddress = correlator.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        foreach (var (fault, incidents) in accounting.Splits.Take(5))
        {
            foreach (var incident in incidents)
            {
                using var response = await client.GetAsync(new Uri($"/api/v1/incidents/{incident}/explanations", UriKind.Relative));
                if (!response.IsSuccessStatusCode)
                {
                    lines.Add($"fault {fault}, incident {incident}: no decision records ({(int)response.StatusCode})");
                    continue;
                }

                using var records = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                foreach (var record in records.RootElement.GetProperty("explanations").EnumerateArray()
                             .Where(r => r.GetProperty("decision").ToString() == "Opened"))
                {
                    var candidates = string.Join("; ", record.GetProperty("candidates").EnumerateArray().Take(3).Select(c => c.ToString()));
                    lines.Add($"fault {fault}, incident {incident} opened by alarm {record.GetProperty("alarmId")} at {record.GetProperty("decidedAt")} " +
                        $"by {record.GetProperty("decidedBy")} after {record.GetProperty("attempts")} attempt(s): {record.GetProperty("reason")}; " +
                        $"{record.GetProperty("candidatesConsidered")} candidate(s) [{candidates}]");
                }
            }
        }

        return lines;
    }

    private static async Task<Dictionary<ServiceProcess, PrometheusScrape>> ScrapeAsync(FaultPipeline pipeline)
    {
        var scrapes = new Dictionary<ServiceProcess, PrometheusScrape>();
        foreach (var service in pipeline.Services)
        {
            scrapes[service] = await service.ScrapeAsync();
        }

        return scrapes;
    }

    private static void Report(ScaleOutPlan plan, Accounting accounting, AlarmSender sender, FaultPipeline pipeline,
        Dictionary<ServiceProcess, PrometheusScrape> work, IReadOnlyList<string> truth, Dictionary<ServiceProcess, IReadOnlyList<string>> consoles, IReadOnlyList<string> why)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"## Scale-out, {plan.Name} form: {plan.Instances} instances of each worker, {accounting.Total.Alarms} alarms at {plan.AlarmsPerSecond}/s split across the ingests, {accounting.Total.Faults} faults of the storm (each one true incident)");
        text.AppendLine();
        text.Append(accounting.Table());
        text.AppendLine();
        var same = accounting.Partition.SequenceEqual(truth);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Partition of the alarms into incidents: {accounting.Partition.Count} incidents, {truth.Count} faults; {(same ? "the same as the ground truth" : "NOT the same as the ground truth")}.");
        foreach (var (console, problems) in consoles)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{console.Label} (GET /api/v1/incidents): {(problems.Count == 0 ? "one open incident per fault, each with its fault's alarms, prioritised and routed" : $"{problems.Count} problems")}.");
            foreach (var problem in problems.Take(20))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    {problem}");
            }
        }

        text.AppendLine();
        text.AppendLine("What each instance did (its own /metrics):");
        text.AppendLine();
        text.AppendLine("| instance | storm alarms sent to it | alarms published | alarms decided | decided again (window changed) | triage decisions | routes | webhook deliveries | bus messages consumed |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        var lanes = pipeline.Instances("Ingest.Feeds");
        foreach (var service in pipeline.Services)
        {
            var scrape = work[service];
            var lane = lanes.ToList().IndexOf(service);
            string Cell(string metric, params (string, string)[] labels) =>
                scrape.Where(metric, labels).Any() ? scrape.Sum(metric, labels).ToString("0", CultureInfo.InvariantCulture) : "";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {service.Label} | {(lane >= 0 ? sender.Sent.Count(s => s.Ingest == lane && s.Ids.Count > 0).ToString(CultureInfo.InvariantCulture) : "")} " +
                $"| {Cell("correlation_ingest_alarms_published_total")} | {Cell("correlation_correlator_alarms_total")} | {Cell("correlation_correlator_retries_total")} " +
                $"| {Cell("correlation_triage_decisions_total")} | {Cell("correlation_router_routed_total")} | {Cell("correlation_router_deliveries_total", ("outcome", "delivered"))} " +
                $"| {Cell("messaging_masstransit_consume_ea_total")} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Sender: {sender.Refusals} refused or failed attempts, all sent again until accepted. Recorder reconnects: {pipeline.Recorder.Reconnects}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Events recorded: {pipeline.Recorder.Incidents.Count} incident events, {pipeline.Recorder.Triaged.Count} triage decisions, {pipeline.Recorder.Routed.Count} routes, {pipeline.Recorder.Escalated.Count} escalations; {pipeline.Webhook.Deliveries.Count} webhook requests.");
        foreach (var problem in accounting.Problems.Take(50))
        {
            text.AppendLine(problem);
        }

        foreach (var line in why)
        {
            text.AppendLine(line);
        }

        StormRun.Publish(text.ToString(), $"scaleout-accounting-{plan.Name}.md", "the scale-out accounting and each instance's work");
    }
}
