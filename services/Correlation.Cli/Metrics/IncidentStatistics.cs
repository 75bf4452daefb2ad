using Correlation.Correlator.Evaluation;

namespace Correlation.Cli.Metrics;

/// <summary>
/// What can be said about a grouping without any truth: how many incidents it made and how big they are.
/// </summary>
/// <param name="Compression">1 − incidents/alarms: the share of alarms a NOC no longer has to look at separately.</param>
public sealed record IncidentStatistics(int Alarms, int Incidents, double Compression, int LargestIncident, double MeanIncidentSize)
{
    public static IncidentStatistics Of(IReadOnlyList<string> incidents)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        if (incidents.Count == 0)
        {
            return new IncidentStatistics(0, 0, 0, 0, 0);
        }

        var ids = Labels.Intern(incidents, out var count);
        var sizes = new int[count];
        foreach (var id in ids)
        {
            sizes[id]++;
        }

        return new IncidentStatistics(incidents.Count, count, 1.0 - (double)count / incidents.Count, sizes.Max(),
            (double)incidents.Count / count);
    }
}
