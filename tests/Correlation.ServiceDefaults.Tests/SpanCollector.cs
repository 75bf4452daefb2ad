using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace Correlation.ServiceDefaults.Tests;

/// <summary>A span as the host's tracer provider exported it.</summary>
internal sealed record Span(ActivityTraceId TraceId, string Source, string Name, ActivityKind Kind, IReadOnlyDictionary<string, string?> Tags,
    IReadOnlyList<ActivityTraceId> LinkedTraces);

/// <summary>
/// Keeps every span the host's tracer provider ends, in place of an exporter: added to the provider that the
/// service defaults configure, so it sees exactly the sources they listen to.
/// </summary>
internal sealed class SpanCollector : BaseProcessor<Activity>
{
    private readonly ConcurrentQueue<Span> _spans = new();

    public IReadOnlyList<Span> Spans => [.. _spans];

    public IReadOnlyList<Span> Of(ActivityTraceId traceId) => [.. _spans.Where(s => s.TraceId == traceId)];

    /// <summary>Spans of other traces that link to <paramref name="traceId"/> (a batch's span links to each of its messages).</summary>
    public IReadOnlyList<Span> LinkedTo(ActivityTraceId traceId) => [.. _spans.Where(s => s.LinkedTraces.Contains(traceId))];

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _spans.Enqueue(new Span(data.TraceId, data.Source.Name, data.DisplayName, data.Kind,
            data.TagObjects.ToDictionary(t => t.Key, t => t.Value?.ToString(), StringComparer.Ordinal),
            [.. data.Links.Select(l => l.Context.TraceId)]));
    }
}
