using Correlation.Contracts;

namespace Correlation.Cli.Baselines;

public static class IncidentAssignerExtensions
{
    /// <summary>Runs the method over a whole storm and answers the incident of each alarm, in order.</summary>
    /// <param name="alarmsDone">Called with the number of alarms assigned so far, every <paramref name="progressEvery"/> alarms.</param>
    public static async Task<IReadOnlyList<string>> AssignAllAsync(
        this IIncidentAssigner assigner,
        IReadOnlyList<Alarm> alarms,
        Action<int>? alarmsDone = null,
        int progressEvery = 10_000,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assigner);
        ArgumentNullException.ThrowIfNull(alarms);
        var run = assigner.Start();
        var incidents = new string[alarms.Count];
        for (var i = 0; i < alarms.Count; i++)
        {
            if (i > 0 && alarms[i].ObservedAt < alarms[i - 1].ObservedAt)
            {
                throw new ArgumentException($"alarm {i} is earlier than alarm {i - 1}; sort the storm by observedAt first", nameof(alarms));
            }

            incidents[i] = await run.AssignAsync(alarms[i], cancellationToken);
            if ((i + 1) % progressEvery == 0)
            {
                alarmsDone?.Invoke(i + 1);
            }
        }

        if (run is IMergingAssignment merging)
        {
            for (var i = 0; i < incidents.Length; i++)
            {
                incidents[i] = merging.FinalIncidentOf(incidents[i]);
            }
        }

        return incidents;
    }
}
