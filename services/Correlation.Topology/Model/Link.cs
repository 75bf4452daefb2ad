namespace Correlation.Topology;

/// <summary>An undirected connection between two devices.</summary>
public sealed record Link
{
    /// <summary>When not given, "a--b" from the endpoints; parallel links between one pair need their own ids.</summary>
    public string Id { get => field ?? $"{A}--{B}"; init; }

    public required string A { get; init; }

    public required string B { get; init; }

    public LinkKind Kind { get; init; }

    /// <summary>
    /// Links that share a group back each other up: traffic survives as long as one of them is up. Null
    /// when nothing backs this link up.
    /// </summary>
    public string? RedundancyGroup { get; init; }

    /// <summary>The endpoint that is not <paramref name="deviceId"/> (compared case-insensitively).</summary>
    public string OtherEnd(string deviceId) => string.Equals(A, deviceId, StringComparison.OrdinalIgnoreCase) ? B : A;
}
