using Correlation.Cli.Baselines;
using Correlation.Contracts;

namespace Correlation.Cli.Tests.Support;

internal static class Partitions
{
    /// <summary>Incident ids renamed 0, 1, 2... in order of first appearance, so groupings compare regardless of id text.</summary>
    public static int[] Canonical(IEnumerable<string> incidents)
    {
        var seen = new Dictionary<string, int>();
        return [.. incidents.Select(id => seen.TryGetValue(id, out var n) ? n : seen[id] = seen.Count)];
    }

    public static async Task<int[]> GroupAsync(IIncidentAssigner assigner, params Alarm[] alarms) =>
        Canonical(await assigner.AssignAllAsync(alarms));
}
