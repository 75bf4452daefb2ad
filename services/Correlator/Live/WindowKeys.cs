using Correlation.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Correlation.Correlator.Live;

/// <summary>
/// The correlator's key space in Redis, under one root: incidents (<c>inc:{id}</c>, with <c>:m</c>
/// members and <c>:x</c> explanations; the hash's <c>sev</c> field counts the members firing at each severity), the candidate index (<c>k:{key}</c>, sorted by when each
/// incident last alarmed there), conditions (<c>cond:{fingerprint}</c>, a hash: holder, last seen, flaps and the alarm that brought it to its incident), applied alarms
/// (<c>applied:{idempotency key}</c>), decision records (<c>x:{alarm id}</c>), the resolution queue (<c>resolve</c>)
/// and the window's generation (<c>gen</c>), counted up by every change a decision could depend on.
/// The scripts build the keys under the root, so the layout is only valid on a single Redis (not a cluster).
/// </summary>
public sealed class WindowKeys(IOptions<RedisOptions> options)
{
    public string Root { get; } = options.Value.KeyPrefix + "correlator:";

    /// <summary>Counted up by every write a decision could depend on: a batch read at the generation still current stored unchecked.</summary>
    public string Generation => Root + "gen";

    /// <summary>The window's exclusive lease (<see cref="WindowHold"/>).</summary>
    public string Exclusive => Root + "exclusive";

    /// <summary>Operators' merges, splits and moves, as labelled feedback for evaluation and training (a stream).</summary>
    public string Feedback => Root + "feedback";

    public string Incident(string id) => Root + "inc:" + id;

    public string Members(string id) => Root + "inc:" + id + ":m";

    public string Condition(string fingerprint) => Root + "cond:" + fingerprint;

    /// <summary>The incidents an alarm placed under <paramref name="key"/> is scored against (a sorted set).</summary>
    public string Candidates(string key) => Root + "k:" + key;

    /// <summary>Incidents waiting out their hold-down before they resolve (sorted by when).</summary>
    public string Resolutions => Root + "resolve";

    public string Explanations(string incidentId) => Root + "inc:" + incidentId + ":x";

    public string Explanation(Guid alarmId) => Root + "x:" + alarmId.ToString("D");
}
