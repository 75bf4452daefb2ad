using Correlation.Contracts;
using Correlation.Correlator.Live;
using Correlation.Correlator.Scoring;
using MassTransit;
using StackExchange.Redis;

namespace Correlation.Correlator.Consumers;

/// <summary>
/// Notes how far each incident has gone (triaged, routed) in the correlator's window, so that an alarm
/// tying it to another merges them only while the older has not gone past Correlator:Scoring:MergeUntil.
/// </summary>
public sealed class IncidentStageConsumer(IConnectionMultiplexer redis, WindowKeys keys) :
    IConsumer<IncidentTriaged>, IConsumer<IncidentRouted>
{
    private const string Advance =
        "if redis.call('EXISTS', KEYS[1]) == 1 and tonumber(redis.call('HGET', KEYS[1], 'stage') or 0) < tonumber(ARGV[1]) then " +
        "redis.call('HSET', KEYS[1], 'stage', ARGV[1]) redis.call('INCR', KEYS[2]) end return 1";

    public Task Consume(ConsumeContext<IncidentTriaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return AdvanceAsync(context.Message.IncidentId, IncidentStage.Triaged);
    }

    public Task Consume(ConsumeContext<IncidentRouted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return AdvanceAsync(context.Message.IncidentId, IncidentStage.Routed);
    }

    private Task<RedisResult> AdvanceAsync(Guid incident, IncidentStage stage) =>
        redis.GetDatabase().ScriptEvaluateAsync(Advance, [keys.Incident(incident.ToString("D")), keys.Generation], [(int)stage]);
}
