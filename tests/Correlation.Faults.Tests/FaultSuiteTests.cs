using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Correlation.Faults.Tests;

/// <summary>
/// The fault suite: a storm of sequence-numbered alarms with known ground truth is sent to ingest over HTTP at a
/// steady rate while RabbitMQ, Redis and the services are killed with SIGKILL and restarted, one at a time; then
/// every alarm is accounted for (delivered, lost, duplicated, unexpected), every fault checked to be exactly one
/// incident, and every notification checked to be sent once per incident version. The table is printed and
/// attached to the test result. `make test` runs the short form, `make test-faults` the full one.
/// </summary>
[Category("Faults")]
[NonParallelizable]
public class FaultSuiteTests
{
    [Test]
    [CancelAfter(900_000)]
    public async Task Every_alarm_is_accounted_for_while_the_broker_redis_and_services_are_killed(CancellationToken cancellationToken)
    {
        var plan = FaultPlan.FromEnvironment();
        var run = $"faults-{Guid.NewGuid().ToString("N")[..8]}";
        var storm = FaultStorm.Create(plan.StormAlarms, plan.AlarmsPerFault, DateTimeOffset.UtcNow);
        await using var pipeline = await FaultPipeline.StartAsync(plan.AppendOnly);
        using var client = new HttpClient { BaseAddress = pipeline.Ingest.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var sender = new AlarmSender(client, storm, run, plan.AlarmsPerSecond);
        var sending = Task.Run(() => sender.RunAsync(cancellationToken), cancellationToken);
        var phases = new List<Phase>();
        var log = new StringBuilder();

        phases.Add(new Phase("none", 0, int.MaxValue, TimeSpan.Zero));
        await StormRun.PaceAsync(plan.Baseline, sending, cancellationToken);
        foreach (var fault in plan.Faults)
        {
            var at = sender.Position;
            var outage = await InjectAsync(pipeline, fault, log);
            phases.Add(new Phase(fault, at, int.MaxValue, outage));
            log.AppendLine(CultureInfo.InvariantCulture, $"{fault}: killed at alarm {at}, back after {outage.TotalSeconds:F1}s");
            // One fault at a time: the next comes once everything accepted so far has reached an incident.
            await StormRun.WaitForDeliveryAsync(pipeline, sender, sender.Position, sending);
            await StormRun.PaceAsync(plan.Settle, sending, cancellationToken);
        }

        var sent = sender.Stop();
        await sending;
        phases = FixBoundaries(phases, sent);
        await StormRun.WaitForDeliveryAsync(pipeline, sender, sent, sending);
        await StormRun.WaitForQuietAsync(pipeline);

        var accounting = StormRun.Account(storm, sender, phases, pipeline);
        var queues = await pipeline.Broker.ListQueuesAsync();
        log.AppendLine("Queues (name, type, arguments):");
        foreach (var queue in queues)
        {
            log.AppendLine(CultureInfo.InvariantCulture, $"    {queue}");
        }

        Report(plan, accounting, sender, pipeline, log.ToString());

        var total = accounting.Total;
        if (plan.Experiment)
        {
            Assert.Pass($"{plan.Name} is a measurement: the table above is its result.");
        }

        Assert.Multiple(() => StormRun.AssertAccountedFor(sender, sent, total, queues));
    }

    private static List<Phase> FixBoundaries(List<Phase> phases, int sent) =>
        [.. phases.Select((p, i) => p with { ToSeq = i + 1 < phases.Count ? phases[i + 1].FromSeq : sent })];

    private static async Task<TimeSpan> InjectAsync(FaultPipeline pipeline, string fault, StringBuilder log)
    {
        var clock = Stopwatch.StartNew();
        switch (fault)
        {
            case "rabbitmq":
                await pipeline.Broker.KillAsync();
                await Task.Delay(TimeSpan.FromSeconds(2));
                await pipeline.Broker.StartAsync();
                break;
            case "redis":
                var before = await pipeline.Redis.KeyCountAsync();
                await pipeline.Redis.KillAsync();
                await Task.Delay(TimeSpan.FromSeconds(2));
                await pipeline.Redis.StartAsync();
                log.AppendLine(CultureInfo.InvariantCulture, $"redis: {before} keys before the kill, {await pipeline.Redis.KeyCountAsync()} after the restart ({(pipeline.Redis.AppendOnly ? "append-only file" : "no persistence")})");
                break;
            default:
                var service = pipeline.Services.Single(s => s.Name.Equals(fault, StringComparison.OrdinalIgnoreCase));
                await service.KillAsync();
                await Task.Delay(TimeSpan.FromSeconds(1));
                await service.StartAsync();
                break;
        }

        return clock.Elapsed;
    }

    private static void Report(FaultPlan plan, Accounting accounting, AlarmSender sender, FaultPipeline pipeline, string log)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Fault suite, {plan.Name} form: {accounting.Total.Alarms} alarms at {plan.AlarmsPerSecond}/s, {accounting.Total.Faults} faults of the storm (each one true incident)");
        text.AppendLine();
        text.Append(accounting.Table());
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Sender: {sender.Refusals} refused or failed attempts, all sent again until accepted. Recorder reconnects: {pipeline.Recorder.Reconnects}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Events recorded: {pipeline.Recorder.Incidents.Count} incident events, {pipeline.Recorder.Triaged.Count} triage decisions, {pipeline.Recorder.Routed.Count} routes, {pipeline.Recorder.Escalated.Count} escalations; {pipeline.Webhook.Deliveries.Count} webhook requests.");
        text.Append(log);
        foreach (var problem in accounting.Problems.Take(50))
        {
            text.AppendLine(problem);
        }

        StormRun.Publish(text.ToString(), $"fault-accounting-{plan.Name}.md", "the accounting per fault");
    }
}
