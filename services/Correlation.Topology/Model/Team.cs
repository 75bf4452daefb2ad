namespace Correlation.Topology;

/// <summary>A team that owns devices or services; routing rules send work to it.</summary>
public sealed record Team
{
    public required string Id { get; init; }

    /// <summary>For people; the id when not given.</summary>
    public string Name { get => field ?? Id; init; }
}
