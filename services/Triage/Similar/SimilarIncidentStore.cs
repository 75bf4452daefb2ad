using Correlation.Contracts;
using Correlation.ServiceDefaults;
using Correlation.Triage.Store;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Correlation.Triage.Similar;

/// <summary>
/// The resolved incidents that new ones are compared with, under <c>{KeyPrefix}triage:</c>: an index sorted by
/// resolution time (<c>similar</c>), one signature per incident (<c>similar:{id}</c>) and the root causes people
/// recorded (<c>cause:{id}</c>, kept apart because a cause may be recorded before or long after resolution).
/// The index holds the newest <see cref="TriageOptions.SimilarIndexSize"/> within
/// <see cref="TriageOptions.SimilarRetention"/>, so a search costs at most that many reads.
/// </summary>
public sealed class SimilarIncidentStore
{
    private static readonly string IndexScript = TriageJson.Script("index-resolved.lua");

    private readonly IConnectionMultiplexer _redis;
    private readonly TriageOptions _options;
    private readonly TimeProvider _time;
    private readonly string _root;

    public SimilarIncidentStore(IConnectionMultiplexer redis, IOptions<RedisOptions> redisOptions, IOptions<TriageOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(redisOptions);
        ArgumentNullException.ThrowIfNull(options);
        _redis = redis;
        _options = options.Value;
        _time = time;
        _root = redisOptions.Value.KeyPrefix + "triage:";
    }

    private IDatabase Db => _redis.GetDatabase();

    private string Index => _root + "similar";

    private string DocumentPrefix => _root + "similar:";

    public Task IndexAsync(IncidentSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var oldest = _time.GetUtcNow() - _options.SimilarRetention;
        return Db.ScriptEvaluateAsync(IndexScript, [Index, DocumentPrefix + signature.IncidentId.ToString("D")],
        [
            signature.IncidentId.ToString("D"), signature.ResolvedAt.ToUnixTimeMilliseconds(), TriageJson.Write(signature),
            _options.SimilarIndexSize, (long)_options.SimilarRetention.TotalMilliseconds, oldest.ToUnixTimeMilliseconds(), DocumentPrefix,
        ]);
    }

    public Task RecordRootCauseAsync(Guid incidentId, RootCause cause) =>
        Db.StringSetAsync(_root + "cause:" + incidentId.ToString("D"), TriageJson.Write(cause), _options.SimilarRetention);

    public async Task<RootCause?> RootCauseAsync(Guid incidentId) =>
        await Db.StringGetAsync(_root + "cause:" + incidentId.ToString("D")) is { HasValue: true } json ? TriageJson.Read<RootCause>(json!) : null;

    /// <summary>Every indexed incident with its root cause, newest first; at most the index's size.</summary>
    public async Task<IReadOnlyList<(IncidentSignature Past, RootCause? Cause)>> CandidatesAsync()
    {
        var ids = await Db.SortedSetRangeByRankAsync(Index, 0, _options.SimilarIndexSize - 1, Order.Descending);
        if (ids.Length == 0)
        {
            return [];
        }
        var documents = Db.StringGetAsync([.. ids.Select(id => (RedisKey)(DocumentPrefix + id))]);
        var causes = Db.StringGetAsync([.. ids.Select(id => (RedisKey)(_root + "cause:" + id))]);
        await Task.WhenAll(documents, causes);
        var found = new List<(IncidentSignature, RootCause?)>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            if (documents.Result[i].HasValue)
            {
                found.Add((TriageJson.Read<IncidentSignature>(documents.Result[i]!),
                    causes.Result[i].HasValue ? TriageJson.Read<RootCause>(causes.Result[i]!) : null));
            }
        }
        return found;
    }
}
