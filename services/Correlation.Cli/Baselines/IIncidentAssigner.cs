using Correlation.Contracts;

namespace Correlation.Cli.Baselines;

/// <summary>
/// A way of grouping alarms into incidents that can be scored: a baseline today, the correlation engine
/// later. Each run starts from nothing and sees the storm one alarm at a time in time order, as the
/// live pipeline does, so a method cannot look ahead to alarms that have not arrived yet.
/// </summary>
public interface IIncidentAssigner
{
    /// <summary>Short name for reports, including the parameters that tell two settings apart.</summary>
    string Name { get; }

    /// <summary>Starts one run over one storm with empty state.</summary>
    IIncidentAssignment Start();
}

/// <summary>One run of an <see cref="IIncidentAssigner"/> over one storm.</summary>
public interface IIncidentAssignment
{
    /// <summary>
    /// Takes the next alarm (never earlier than the one before) and answers the id of the incident it
    /// belongs to. Ids only need to be equal for alarms of the same incident within this run. Async so
    /// that an engine keeping its state in Redis can be scored the same way.
    /// </summary>
    ValueTask<string> AssignAsync(Alarm alarm, CancellationToken cancellationToken = default);
}
