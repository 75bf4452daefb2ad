using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Correlation.Load;

/// <summary>
/// The pipeline's queues' depths (messages ready) twice a second, without the management plugin: a passive
/// declare answers a queue's ready count and consumers. Messages the consumers have taken but not yet
/// acknowledged (up to their prefetch) are not in that count. The queues are found once with
/// <c>rabbitmqctl list_queues</c> (a passive poll costs far less than rabbitmqctl's half second of CPU), or,
/// where rabbitmqctl cannot reach the node, from the names the services are known to use.
/// </summary>
internal sealed class QueueMonitor : IAsyncDisposable
{
    /// <summary>The all-in-one host's queues as of this harness (what the fallback polls).</summary>
    public static readonly string[] KnownQueues =
        ["alarms-received", "triage-incident", "incident-stage", "incident-triaged", "incident-projection", "triage-commands", "operator-commands"];

    private readonly IConnection _connection;
    private readonly List<string> _queues;
    private readonly Dictionary<string, List<(long At, long Depth)>> _series = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private IChannel? _channel;

    private readonly string _prefix;

    private QueueMonitor(IConnection connection, List<string> queues, string prefix)
    {
        _connection = connection;
        _prefix = prefix;
        _queues = queues;
        foreach (var queue in queues)
        {
            _series[queue] = [];
        }

        _loop = Task.Run(LoopAsync);
    }

    public IReadOnlyList<string> Queues => _queues;

    /// <summary>
    /// Sampled with the queues as "pending-alarms": alarms ingest accepted that have no incident event yet. The
    /// correlator takes up to its prefetch (3,000 messages of up to 500 alarms) off its queue at once, so its real
    /// backlog is mostly unacknowledged and invisible to a passive declare; the harness knows it alarm by alarm.
    /// </summary>
    public Func<long>? Pending { get; set; }

    public const string PendingSeries = "pending-alarms";

    public static async Task<QueueMonitor> StartAsync(Uri rabbit, string prefix, string rabbitNode, CancellationToken cancellationToken)
    {
        var queues = await ListAsync(prefix, rabbitNode, cancellationToken) is { Count: > 0 } listed
            ? listed
            : [.. KnownQueues.Select(q => $"{prefix}-{q}")];
        var factory = new ConnectionFactory { Uri = rabbit, ClientProvidedName = "load-harness-queues" };
        return new QueueMonitor(await factory.CreateConnectionAsync(cancellationToken), [.. queues.Order(StringComparer.Ordinal)], prefix);
    }

    private static async Task<List<string>> ListAsync(string prefix, string node, CancellationToken cancellationToken)
    {
        try
        {
            var start = new ProcessStartInfo("rabbitmqctl", ["-q", "-n", node, "list_queues", "name"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") + ":/usr/sbin";
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode != 0 ? [] :
                [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(q => q.StartsWith(prefix + "-", StringComparison.Ordinal) && !q.EndsWith("-load-tap", StringComparison.Ordinal))];
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return [];
        }
    }

    /// <summary>Adds a point to a series now (the pending alarms' end, which the half-second polling would miss).</summary>
    public void Mark(string series, long value)
    {
        lock (_series)
        {
            if (_series.TryGetValue($"{_prefix}-{series}", out var list))
            {
                list.Add((Stopwatch.GetTimestamp(), value));
            }
        }
    }

    /// <summary>The last depth read of each queue.</summary>
    public IReadOnlyDictionary<string, long> Latest()
    {
        lock (_series)
        {
            return _series.Where(s => s.Value.Count > 0 && !s.Key.EndsWith(PendingSeries, StringComparison.Ordinal)).ToDictionary(s => s.Key, s => s.Value[^1].Depth, StringComparer.Ordinal);
        }
    }

    /// <summary>Each queue's depths between two instants.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<(long At, long Depth)>> Between(long from, long to)
    {
        lock (_series)
        {
            return _series.ToDictionary(s => s.Key, s => (IReadOnlyList<(long, long)>)[.. s.Value.Where(p => p.At >= from && p.At <= to)], StringComparer.Ordinal);
        }
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        do
        {
            if (Pending is { } pending)
            {
                lock (_series)
                {
                    var key = $"{_prefix}-{PendingSeries}";
                    if (!_series.TryGetValue(key, out var list))
                    {
                        _series[key] = list = [];
                    }

                    list.Add((Stopwatch.GetTimestamp(), pending()));
                }
            }

            foreach (var queue in _queues)
            {
                var depth = await DepthAsync(queue);
                if (depth is { } d)
                {
                    lock (_series)
                    {
                        _series[queue].Add((Stopwatch.GetTimestamp(), d));
                    }
                }
            }
        }
        while (await WaitAsync(timer));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<long?> DepthAsync(string queue)
    {
        try
        {
            if (_channel is not { IsOpen: true })
            {
                _channel?.Dispose();
                _channel = await _connection.CreateChannelAsync();
            }

            return (await _channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (Exception ex) when (ex is OperationInterruptedException or AlreadyClosedException)
        {
            // A queue not there (yet, or any more) closes the channel; it is opened again for the next one.
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        if (_channel is not null)
        {
            await _channel.CloseAsync();
            _channel.Dispose();
        }

        await _connection.CloseAsync();
        _connection.Dispose();
    }
}
