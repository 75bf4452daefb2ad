using Correlation.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Correlation.Correlator.Live;

/// <summary>
/// The correlator's key space in Redis, under one root: incidents (<c>inc:{id}</c>, with <c>:m</c>
/// members and <c>:x</c> explanations), the candidate index (<c>k:{key}</c>, sorted by when each
/// incident last alarmed there), conditions (<c>cond:{fingerprint}</c>, a hash: holder and last seen), applied alarms
/// (<c>applied:{idempotency key}</c>), decision records (<c>x:{alarm id}</c>), the resolution queue (<c>resolve</c>)
/// and the window's generation (<c>gen</c>), counted up by every change a decision could depend on.
/// The scripts build the keys under the root, so the layout is only valid on a single Redis (not a cluster).
/// </summary>
public sealed class WindowKeys(IOptions<RedisOptions> options)
{
    public string Root { get; } = options.Value.KeyPrefix + "correlator:";

    /// <summary>Counted up by every write a decision could depend on: a batch read at the generation still current stored unchecked.</summary>
    public string Generation => Root + "gen";

    public string Incident(string id) => Root + "inc:" + id;

    public string Explanations(string incidentId) => Root + "inc:" + incidentId + ":x";

    public string Explanation(Guid alarmId) => Root + "x:" + alarmId.ToString("D");
}
