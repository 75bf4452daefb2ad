namespace Correlation.Topology;

/// <summary>A place that holds devices: an office, a data centre, a cabinet in a shared building.</summary>
public sealed record Site
{
    public required string Id { get; init; }

    /// <summary>For people; the id when not given.</summary>
    public string Name { get => field ?? Id; init; }

    /// <summary>A free-form grouping of sites (e.g. "north"), used by routing rules and dashboards.</summary>
    public string? Region { get; init; }
}
