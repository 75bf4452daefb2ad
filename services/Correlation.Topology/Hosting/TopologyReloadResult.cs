namespace Correlation.Topology;

public enum TopologyReloadOutcome
{
    /// <summary>The file changed and was valid: the new snapshot is in force.</summary>
    Reloaded = 0,

    /// <summary>The file's content is what is already loaded; nothing was swapped.</summary>
    Unchanged = 1,

    /// <summary>The file could not be read or is not valid: the previous snapshot stays in force.</summary>
    Rejected = 2,
}

/// <param name="Outcome">What happened.</param>
/// <param name="Snapshot">The snapshot in force afterwards (the previous one when rejected).</param>
/// <param name="Problems">The errors that rejected the file, or the new file's warnings.</param>
public sealed record TopologyReloadResult(
    TopologyReloadOutcome Outcome,
    TopologySnapshot Snapshot,
    IReadOnlyList<TopologyProblem> Problems);
