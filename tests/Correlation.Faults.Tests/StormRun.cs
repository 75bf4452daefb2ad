namespace Correlation.Faults.Tests;

/// <summary>
/// The steps a run of the storm through the pipeline shares, whatever it does to the pipeline meanwhile (the fault
/// suite kills its parts, the scale-out test runs two of each): pacing the storm, waiting until what was accepted
/// has reached an incident, waiting until the pipeline is quiet, and publishing the report.
/// </summary>
internal static class StormRun
{
    private static readonly TimeSpan DeliveryWait = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(5);

    /// <summary>Lets the storm run on for a while (the sender keeps its rate); fails at once if the sender died.</summary>
    public static async Task PaceAsync(TimeSpan span, Task sending, CancellationToken cancellationToken)
    {
        await Task.WhenAny(sending, Task.Delay(span, cancellationToken));
        if (sending.IsFaulted)
        {
            await sending;
        }
    }

    public static async Task WaitForDeliveryAsync(FaultPipeline pipeline, AlarmSender sender, int upTo, Task sending)
    {
        var deadline = DateTime.UtcNow + DeliveryWait;
        while (true)
        {
            if (sending.IsFaulted)
            {
                await sending;
            }

            var missing = sender.Sent.Take(upTo).Count(s => s.Ids.Count > 0 && !pipeline.Recorder.Carried.ContainsKey(s.Alarm.Seq));
            var pending = sender.Sent.Take(upTo).Count(s => s.Ids.Count == 0);
            if (missing == 0 && (pending == 0 || upTo == sender.Position))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                // Not a failure here: the accounting says which alarms never arrived, and the assertions fail on them.
                TestContext.Out.WriteLine($"after {DeliveryWait.TotalSeconds:F0}s, {missing} accepted alarms of the first {upTo} had reached no incident");
                return;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Waits until nothing more arrives (events, notifications) for a few seconds: late routes and resends count too.</summary>
    public static async Task WaitForQuietAsync(FaultPipeline pipeline)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var last = new[] { pipeline.Recorder.LastReceivedAt, pipeline.Webhook.Deliveries.LastOrDefault()?.At ?? DateTimeOffset.MinValue }.Max();
            if (DateTimeOffset.UtcNow - last > QuietFor)
            {
                return;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Every alarm of the run accounted for, from what the recorder and the webhook received.</summary>
    public static Accounting Account(FaultStorm storm, AlarmSender sender, IReadOnlyList<Phase> phases, FaultPipeline pipeline) =>
        Accounting.Count(storm, sender.Sent, phases, [.. pipeline.Recorder.Incidents], [.. pipeline.Recorder.Triaged],
            [.. pipeline.Recorder.Routed], [.. pipeline.Webhook.Deliveries]);

    /// <summary>
    /// The bar a run must clear (call inside Assert.Multiple): every alarm accepted, none lost, duplicated or
    /// unexpected, one incident per fault and none mixed, no duplicate or missing notification, and the services'
    /// queues quorum queues with a delivery limit.
    /// </summary>
    public static void AssertAccountedFor(AlarmSender sender, int sent, PhaseFigures total, IReadOnlyList<string> queues)
    {
        Assert.That(sender.Sent.Take(sent).Count(s => s.Ids.Count == 0), Is.Zero, "alarms never accepted by ingest");
        Assert.That(total.Lost, Is.Zero, "lost alarms");
        Assert.That(total.Duplicated, Is.Zero, "duplicated alarms");
        Assert.That(total.Unexpected, Is.Zero, "unexpected alarms");
        Assert.That(total.DuplicatedIncidents, Is.Zero, "duplicated incidents (a fault split into more than one)");
        Assert.That(total.MixedIncidents, Is.Zero, "incidents mixing faults");
        Assert.That(total.DuplicateNotifications, Is.Zero, "duplicate notifications per incident version");
        Assert.That(total.MissingNotifications, Is.Zero, "routes whose notification never reached the webhook");
        Assert.That(queues.Where(q => q.StartsWith(FaultPipeline.EntityPrefix + "-", StringComparison.Ordinal) && !q.Contains("_error", StringComparison.Ordinal)
            && !q.Contains("fault-recorder", StringComparison.Ordinal)), Has.All.Contains("quorum").And.All.Contains("x-delivery-limit"),
            "the services' queues are quorum queues with a delivery limit");
        Assert.That(total.Incidents, Is.EqualTo(total.Faults), "one incident per fault");
    }

    /// <summary>Prints the report and writes it to TestResults/<paramref name="fileName"/>, attached to the test result.</summary>
    public static void Publish(string report, string fileName, string description)
    {
        TestContext.Out.WriteLine(report);
        var folder = Path.Combine(Correlation.Testing.TestServers.RepositoryRoot(), "TestResults");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, fileName);
        File.WriteAllText(file, report);
        TestContext.AddTestAttachment(file, description);
    }
}
