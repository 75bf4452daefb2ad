using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Correlation.Cli.Metrics;
using Correlation.Correlator.Evaluation;

namespace Correlation.Load;

/// <summary>
/// The same workloads against Prometheus Alertmanager (Debian's prometheus-alertmanager), started on loopback
/// for each workload with empty state, its route grouping by alertname and site (the keys of the Alertmanager-
/// style baseline of `correlation evaluate`, which are our alarm type and site), and a webhook receiver in the
/// harness that takes every notification as the incident of its group. Each alarm is posted as an alert
/// (<c>POST /api/v2/alerts</c>, 100 a request, as our batches) whose labels are alertname, site, resource,
/// instance and fp (the alarm's fingerprint: the alert's identity, so a repeat is the same alert and a clear
/// resolves it, as in our pipeline). An alarm is "correlated" when a notification first carries its alert.
/// </summary>
internal sealed class AlertmanagerSide(Harness harness, string binary)
{
    public const string GroupWait = "0s";
    public const string GroupInterval = "1s";

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public async Task RunAsync(IReadOnlyDictionary<string, List<LoadAlarm>> workloads, CancellationToken cancellationToken)
    {
        foreach (var (key, alarms) in workloads)
        {
            var pipeline = harness.Results.FirstOrDefault(r => r.System == "pipeline" && Key(r) == key);
            if (pipeline is null)
            {
                continue;
            }

            if (alarms.Count > harness.Plan.AlertmanagerMaxAlarms)
            {
                harness.Notes.Add($"Alertmanager: {pipeline.Workload} {pipeline.Step} not run ({alarms.Count:N0} alarms, above this profile's {harness.Plan.AlertmanagerMaxAlarms:N0}).");
                continue;
            }

            await RunOneAsync(pipeline, alarms, cancellationToken);
        }
    }

    /// <summary>The workload key a pipeline result was recorded under (see Harness).</summary>
    private static string Key(StepResult r) => r.Workload switch
    {
        "labelled storm" => "storm",
        "constant rate, unique" => $"steps/{r.OfferedRate}",
        "constant rate, 90% repeats" => $"duplicates/{r.OfferedRate}",
        "burst" => "burst",
        "Huawei microwave replay" when r.Step.EndsWith('x') => $"huawei/{r.Step[..^1]}",
        "Huawei microwave replay" => "huawei/whole",
        _ => "",
    };

    private async Task RunOneAsync(StepResult pipeline, List<LoadAlarm> alarms, CancellationToken cancellationToken)
    {
        var port = FreePorts.Tcp();
        var clusterPort = FreePorts.Tcp();
        using var hook = WebhookReceiver.Start(FreePorts.Tcp());
        var dir = Directory.CreateDirectory(Path.Combine(harness.Options.Work, $"alertmanager-{port}")).FullName;
        var config = Path.Combine(dir, "alertmanager.yml");
        await File.WriteAllTextAsync(config, $"""
            route:
              receiver: harness
              group_by: [alertname, site]
              group_wait: {GroupWait}
              group_interval: {GroupInterval}
              repeat_interval: 4h
            receivers:
              - name: harness
                webhook_configs:
                  - url: {hook.Url}
                    send_resolved: false
                    max_alerts: 0
            """, cancellationToken);
        await using var process = ChildProcess.Start(binary,
            [$"--config.file={config}", $"--storage.path={Path.Combine(dir, "data")}", $"--web.listen-address=127.0.0.1:{port}",
             $"--cluster.listen-address=", "--log.level=warn"], new Dictionary<string, string>(), dir, "alertmanager");
        var url = new Uri($"http://127.0.0.1:{port}");
        await process.WaitReadyAsync(new Uri(url, "/-/ready"), TimeSpan.FromSeconds(60), cancellationToken);
        harness.Sampler.Watch("alertmanager", process.Id);
        try
        {
            var ledger = new Ledger(pipeline.Workload, pipeline.Step, "alertmanager", harness.NextSeq(alarms.Count), alarms);
            using var client = HttpAlarmSender.Client(url, 64);
            var refusals = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
            var span = alarms.Max(a => a.StormTime ?? TimeSpan.Zero);
            harness.Sampler.Take();
            var from = Stopwatch.GetTimestamp();
            var observedBase = DateTimeOffset.UtcNow - span;
            TimeSpan sending;
            using (harness.Progress($"alertmanager {pipeline.Workload} {pipeline.Step}",
                () => $"sent {ledger.SentCount:N0}/{ledger.Count:N0}  accepted {ledger.AcceptedCount:N0}  notifications {hook.Notifications:N0}  alerts notified {hook.Distinct:N0}"))
            {
                sending = await Pacer.RunAsync(ledger, 100, pipeline.Workload is "labelled storm" or "Huawei microwave replay" ? 1 : 32, (start, count) => PostAsync(client, ledger, start, count, observedBase, refusals), cancellationToken);
                await DrainAsync(ledger, hook, cancellationToken);
            }

            harness.Sampler.Take();
            var to = Stopwatch.GetTimestamp();
            harness.Record(Measure(pipeline, ledger, hook, sending, from, to, refusals));
        }
        finally
        {
            harness.Sampler.Forget("alertmanager");
        }
    }

    public static string Fingerprint(LoadAlarm alarm) => alarm.Fingerprint ?? $"{alarm.Resource}/{alarm.AlarmType}/{alarm.Instance}";

    private static async Task PostAsync(HttpClient client, Ledger ledger, int start, int count, DateTimeOffset observedBase, ConcurrentDictionary<string, long> refusals)
    {
        var buffer = new ArrayBufferWriter<byte>(count * 400);
        var now = DateTimeOffset.UtcNow;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            for (var i = start; i < start + count; i++)
            {
                var alarm = ledger.Alarms[i];
                var at = alarm.StormTime is { } t ? observedBase + t : now;
                writer.WriteStartObject();
                writer.WriteStartObject("labels"u8);
                writer.WriteString("alertname"u8, alarm.AlarmType);
                if (alarm.Site is { } site)
                {
                    writer.WriteString("site"u8, site);
                }

                writer.WriteString("resource"u8, alarm.Resource);
                if (alarm.Instance is { } instance)
                {
                    writer.WriteString("instance"u8, instance);
                }

                writer.WriteString("fp"u8, Fingerprint(alarm));
                writer.WriteEndObject();
                writer.WriteStartObject("annotations"u8);
                writer.WriteString("summary"u8, alarm.Summary);
                writer.WriteEndObject();
                writer.WriteString("startsAt"u8, at);
                if (alarm.Cleared)
                {
                    writer.WriteString("endsAt"u8, at);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        var sent = Stopwatch.GetTimestamp();
        for (var i = start; i < start + count; i++)
        {
            ledger.MarkSent(i, sent);
        }

        try
        {
            using var content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
            content.Headers.ContentType = Json;
            using var response = await client.PostAsync("/api/v2/alerts", content);
            if (response.IsSuccessStatusCode)
            {
                var accepted = Stopwatch.GetTimestamp();
                for (var i = start; i < start + count; i++)
                {
                    ledger.MarkAccepted(i, accepted);
                }

                return;
            }

            ledger.MarkRejected(count);
            refusals.AddOrUpdate(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), count, (_, n) => n + count);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            ledger.MarkRejected(count);
            refusals.AddOrUpdate(ex.GetType().Name, count, (_, n) => n + count);
        }
    }

    /// <summary>Until every raised alert was notified, or no notification came for a while, or the limit passed.</summary>
    private static async Task DrainAsync(Ledger ledger, WebhookReceiver hook, CancellationToken cancellationToken)
    {
        var expected = ledger.Alarms.Where((a, i) => !a.Cleared && ledger.Accepted[i] != 0).Select(Fingerprint).ToHashSet(StringComparer.Ordinal);
        var sendEnd = Stopwatch.GetTimestamp();
        var limit = 30 + ledger.Count / 1500.0;
        while (expected.Count > 0)
        {
            await Task.Delay(200, cancellationToken);
            expected.RemoveWhere(hook.Seen);
            var now = Stopwatch.GetTimestamp();
            if (Ledger.Seconds(now - Math.Max(hook.LastNotification, sendEnd)) > 5 || Ledger.Seconds(now - sendEnd) > limit)
            {
                return;
            }
        }
    }

    private StepResult Measure(StepResult pipeline, Ledger ledger, WebhookReceiver hook, TimeSpan sending, long from, long to, ConcurrentDictionary<string, long> refusals)
    {
        long deduplicated = 0, missing = 0, resolvedFirst = 0;
        var groups = new string?[ledger.Count];
        var cleared = ledger.Alarms.Where((a, i) => a.Cleared && ledger.Accepted[i] != 0).Select(Fingerprint).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < ledger.Count; i++)
        {
            var alarm = ledger.Alarms[i];
            if (ledger.Accepted[i] == 0)
            {
                continue;
            }

            if (!hook.TryGet(Fingerprint(alarm), out var at, out var group))
            {
                // A clear of an alert never notified; a raise its clear resolved before any notification (send_resolved
                // is off, so it never comes); or a raise never notified.
                if (!alarm.Cleared)
                {
                    if (cleared.Contains(Fingerprint(alarm)))
                    {
                        resolvedFirst++;
                    }
                    else
                    {
                        missing++;
                    }
                }

                continue;
            }

            groups[i] = group;
            if (at >= ledger.Sent[i])
            {
                ledger.MarkCorrelated(i, at, 0);
            }
            else
            {
                deduplicated++;
            }
        }

        var latencies = PipelineSession.Latencies(ledger.Correlated, ledger.Sent);
        var firstSend = ledger.Sent.Where(t => t != 0).DefaultIfEmpty(from).Min();
        var lastEvent = ledger.Correlated.Max();
        double? f1 = null, ari = null, precision = null, recall = null;
        if (ledger.Alarms.All(a => a.Group is not null) && ledger.Count > 0)
        {
            var agreement = ClusteringAgreement.Compare([.. ledger.Alarms.Select(a => a.Group!)], [.. groups.Select((g, i) => g ?? $"none-{i}")]);
            (f1, ari, precision, recall) = (agreement.F1, agreement.AdjustedRandIndex, agreement.Precision, agreement.Recall);
        }

        return new StepResult
        {
            System = "alertmanager",
            Workload = pipeline.Workload,
            Step = pipeline.Step,
            Channel = "alertmanager",
            OfferedRate = pipeline.OfferedRate,
            Sent = ledger.SentCount,
            Accepted = ledger.AcceptedCount,
            Refused = ledger.RejectedCount,
            Correlated = ledger.CorrelatedCount,
            Deduplicated = deduplicated,
            Missing = missing,
            ResolvedBeforeNotified = resolvedFirst,
            SendSeconds = sending.TotalSeconds,
            SentPerSecond = ledger.SentCount / Math.Max(sending.TotalSeconds, 1e-3),
            AcceptedPerSecond = ledger.AcceptedCount == 0 ? 0 : ledger.AcceptedCount / Ledger.Seconds(ledger.Accepted.Max() - firstSend),
            CorrelatedPerSecond = lastEvent == 0 ? 0 : (ledger.CorrelatedCount + deduplicated) / Ledger.Seconds(lastEvent - firstSend),
            DrainSeconds = lastEvent == 0 ? 0 : Ledger.Seconds(lastEvent - firstSend),
            P50Ms = PipelineSession.Percentile(latencies, 0.50),
            P95Ms = PipelineSession.Percentile(latencies, 0.95),
            P99Ms = PipelineSession.Percentile(latencies, 0.99),
            MaxMs = latencies.Length == 0 ? 0 : latencies[^1],
            AcceptP99Ms = PipelineSession.Percentile(PipelineSession.Latencies(ledger.Accepted, ledger.Sent), 0.99),
            Incidents = hook.Groups,
            F1 = f1,
            Ari = ari,
            Precision = precision,
            Recall = recall,
            Usage = harness.Sampler.Between(from, to),
            Note = string.Create(CultureInfo.InvariantCulture, $"{hook.Notifications:N0} notifications")
                + (resolvedFirst > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {resolvedFirst:N0} raises resolved by their clear before any notification") : "")
                + (refusals.IsEmpty ? "" : "; refused: " + string.Join(", ", refusals.Select(r => $"{r.Key} x{r.Value:N0}"))),
        };
    }
}

/// <summary>
/// Alertmanager's webhook receiver: records, per alert fingerprint label (fp), when a notification first
/// carried it and the group (groupKey) it came in.
/// </summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, (long At, string Group)> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _groups = new(StringComparer.Ordinal);
    private long _notifications;
    private long _last;

    private WebhookReceiver(int port)
    {
        Url = $"http://127.0.0.1:{port}/hook";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public long Notifications => Interlocked.Read(ref _notifications);

    public long LastNotification => Interlocked.Read(ref _last);

    public int Distinct => _seen.Count;

    public long Groups => _groups.Count;

    public static WebhookReceiver Start(int port) => new(port);

    public bool Seen(string fp) => _seen.ContainsKey(fp);

    public bool TryGet(string fp, out long at, out string group)
    {
        if (_seen.TryGetValue(fp, out var seen))
        {
            (at, group) = seen;
            return true;
        }

        (at, group) = (0, "");
        return false;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => TakeAsync(context));
        }
    }

    private async Task TakeAsync(HttpListenerContext context)
    {
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var now = Stopwatch.GetTimestamp();
            Read(body.GetBuffer().AsSpan(0, (int)body.Length), now);
            Interlocked.Increment(ref _notifications);
            Interlocked.Exchange(ref _last, now);
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or JsonException or ObjectDisposedException)
        {
            // A notification cut short when the run stops.
        }
    }

    /// <summary>{"groupKey": "...", "alerts": [{"labels": {"fp": "..."}}, ...]}: groupKey comes after alerts in Alertmanager's payload, so fps are held until it is read.</summary>
    private void Read(ReadOnlySpan<byte> body, long now)
    {
        var reader = new Utf8JsonReader(body);
        var fps = new List<string>();
        string? group = null;
        reader.Read();
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
            {
                continue;
            }

            if (reader.ValueTextEquals("groupKey"u8))
            {
                reader.Read();
                group = reader.GetString();
            }
            else if (reader.ValueTextEquals("alerts"u8))
            {
                reader.Read();
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        if (reader.ValueTextEquals("labels"u8))
                        {
                            reader.Read();
                            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                            {
                                var isFp = reader.ValueTextEquals("fp"u8);
                                reader.Read();
                                if (isFp)
                                {
                                    fps.Add(reader.GetString()!);
                                }
                            }
                        }
                        else
                        {
                            reader.Read();
                            reader.Skip();
                        }
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        group ??= "";
        _groups.TryAdd(group, 0);
        foreach (var fp in fps)
        {
            _seen.TryAdd(fp, (now, group));
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
