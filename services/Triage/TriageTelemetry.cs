using System.Diagnostics;
using System.Diagnostics.Metrics;
using Correlation.Contracts;

namespace Correlation.Triage;

/// <summary>Triage's activity source and meter: decisions by priority and category, plans, checklist changes and similarity searches.</summary>
public sealed class TriageTelemetry : IDisposable
{
    public const string Name = "Correlation.Triage";

    private readonly Meter _meter;
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _plans;
    private readonly Counter<long> _checklist;
    private readonly Histogram<double> _search;

    public TriageTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(Name);
        _decisions = _meter.CreateCounter<long>("correlation.triage.decisions", "{decision}", "Triage decisions published, by priority and category.");
        _plans = _meter.CreateCounter<long>("correlation.triage.plans", "{plan}", "Action plans published, by why (new, template, checklist).");
        _checklist = _meter.CreateCounter<long>("correlation.triage.checklist.changes", "{change}", "Checklist changes, by kind and outcome.");
        _search = _meter.CreateHistogram<double>("correlation.triage.similar.duration", "ms", "Time to search the resolved incidents for similar ones.");
    }

    public static ActivitySource Source { get; } = new(Name);

    public void Decided(IncidentTriaged triaged)
    {
        ArgumentNullException.ThrowIfNull(triaged);
        _decisions.Add(1, new KeyValuePair<string, object?>("priority", triaged.Priority.ToString()),
            new KeyValuePair<string, object?>("category", triaged.Category.ToString()));
    }

    public void Planned(string why) => _plans.Add(1, new KeyValuePair<string, object?>("why", why));

    public void ChecklistChanged(ChecklistChange change, bool applied) =>
        _checklist.Add(1, new KeyValuePair<string, object?>("change", change.ToString()), new KeyValuePair<string, object?>("applied", applied));

    public void Searched(TimeSpan elapsed) => _search.Record(elapsed.TotalMilliseconds);

    public void Dispose() => _meter.Dispose();
}
