namespace Correlation.Faults.Tests;

/// <summary>
/// How big the scale-out run is: the storm's size and rate, and how many instances of each service. The form comes
/// from CORRELATION_SCALEOUT: <c>short</c> (the default, in `make test`) or <c>full</c> (`make test-scaleout`: a
/// longer storm at twice the rate, so the two correlators race for the same incidents more often).
/// </summary>
internal sealed record ScaleOutPlan(string Name, int Alarms, double AlarmsPerSecond, int AlarmsPerFault = 20, int Instances = 2)
{
    public const string Variable = "CORRELATION_SCALEOUT";

    public static ScaleOutPlan Short { get; } = new("short", 300, 20);

    public static ScaleOutPlan Full { get; } = new("full", 1600, 40);

    public static ScaleOutPlan FromEnvironment() => Environment.GetEnvironmentVariable(Variable)?.Trim().ToLowerInvariant() switch
    {
        null or "" or "short" => Short,
        "full" => Full,
        var other => throw new InvalidOperationException($"{Variable}={other}: expected short or full"),
    };
}
