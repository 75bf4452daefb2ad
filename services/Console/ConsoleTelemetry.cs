using System.Diagnostics.Metrics;
using Correlation.Contracts;

namespace Correlation.Console;

/// <summary>
/// The console's meter: open incidents by priority, as the backlog sampler last counted them in the console's
/// projection (every Console:BacklogSampleInterval), so that a scrape reads a number and never Redis.
/// Every console instance reads the same projection: a dashboard takes the max over instances, not the sum.
/// </summary>
public sealed class ConsoleTelemetry : IDisposable
{
    public const string MeterName = "Correlation.Console";

    /// <summary>The priority tag of an open incident that triage has not decided yet.</summary>
    public const string Untriaged = "none";

    private static readonly string[] Priorities = [.. Enum.GetNames<IncidentPriority>(), Untriaged];

    private readonly Meter _meter;
    private volatile IReadOnlyDictionary<string, long>? _open;

    public ConsoleTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _meter.CreateObservableGauge("correlation.console.incidents.open", Open, "{incident}",
            "Open incidents by priority (none: not triaged yet), as last sampled from the console's projection.");
    }

    /// <summary>Records a sample: the priority of each open incident (empty when not triaged).</summary>
    public void OpenIncidents(IEnumerable<string> priorities)
    {
        ArgumentNullException.ThrowIfNull(priorities);
        var counts = Priorities.ToDictionary(p => p, _ => 0L, StringComparer.Ordinal);
        foreach (var priority in priorities)
        {
            var key = priority.Length == 0 ? Untriaged : priority;
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        _open = counts;
    }

    private IEnumerable<Measurement<long>> Open() =>
        _open is { } open ? open.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("priority", p.Key))) : [];

    public void Dispose() => _meter.Dispose();
}
