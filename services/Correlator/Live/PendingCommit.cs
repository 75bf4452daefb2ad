using Correlation.Correlator.Scoring;

namespace Correlation.Correlator.Live;

/// <summary>
/// What one of this process's batches will have changed in the window once its commit is applied:
/// the alarms it applied, the conditions it holds, its incidents as they stood after it (open, copies
/// no later batch changes) and those it merged away. The next batch reads the window while this commit
/// may still be on its way, lays these over what it read, and names <see cref="Token"/> as the commit it
/// must follow: the store takes it only if the window then holds exactly these changes.
/// </summary>
/// <param name="Token">The commit's own token, which the window keeps as its last commit.</param>
/// <param name="After">The last commit the window held when this batch's view was read, or the one it was laid over.</param>
internal sealed record PendingCommit(
    string Token,
    string After,
    IReadOnlyDictionary<string, string> Applied,
    IReadOnlyDictionary<string, (string Incident, DateTimeOffset LastSeen)> Holders,
    IReadOnlyDictionary<string, IncidentFacts> Incidents,
    IReadOnlyDictionary<string, string> MergedInto)
{
    /// <summary>
    /// The commits of <paramref name="chain"/> not yet applied when the window's last commit was
    /// <paramref name="lastCommit"/>: none after the last, all when it is the one the first followed, and
    /// null when it is none of them (another correlator committed in between: nothing can be laid over).
    /// </summary>
    public static IReadOnlyList<PendingCommit>? StillPending(IReadOnlyList<PendingCommit> chain, string lastCommit)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.Count == 0)
        {
            return [];
        }

        for (var i = chain.Count - 1; i >= 0; i--)
        {
            if (chain[i].Token == lastCommit)
            {
                return [.. chain.Skip(i + 1)];
            }
        }

        return chain[0].After == lastCommit ? chain : null;
    }
}
