namespace Correlation.Topology;

/// <summary>
/// Something the business uses. It needs every device and service it depends on: redundancy is described
/// in the network (links and redundancy groups), not by listing alternatives here.
/// </summary>
public sealed record Service
{
    public required string Id { get; init; }

    /// <summary>For people; the id when not given.</summary>
    public string Name { get => field ?? Id; init; }

    public Criticality Criticality { get; init; } = Criticality.Medium;

    public IReadOnlyList<string> DependsOnDevices { get; init; } = [];

    public IReadOnlyList<string> DependsOnServices { get; init; } = [];

    public string? TeamId { get; init; }

    /// <summary>Customers or business units that use the service, for impact statements.</summary>
    public IReadOnlyList<string> Customers { get; init; } = [];
}
