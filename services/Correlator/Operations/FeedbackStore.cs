using System.Text.Json;
using System.Text.Json.Serialization;
using Correlation.Contracts;
using Correlation.Correlator.Live;
using StackExchange.Redis;

namespace Correlation.Correlator.Operations;

/// <summary>What an operator's correction says about the engine's grouping.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FeedbackLabel>))]
public enum FeedbackLabel
{
    /// <summary>The incident's grouping was right (a confirmation): its alarms belong together.</summary>
    Correct,

    /// <summary>The engine put together what is not one fault (a split or a move out): the groups belong apart.</summary>
    FalseMerge,

    /// <summary>The engine kept apart what is one fault (a merge or a move in): the groups belong together.</summary>
    MissedMerge,
}

/// <summary>
/// One labelled correction: the alarms of each side (the conditions' alarms as they came in), and what the
/// operator said of them. <see cref="Groups"/> hold two or more groups for a merge or a move (together when
/// the label is <see cref="FeedbackLabel.MissedMerge"/>, apart when it is <see cref="FeedbackLabel.FalseMerge"/>),
/// one for a confirmation.
/// </summary>
public sealed record FeedbackRecord(
    string Id,
    FeedbackLabel Label,
    string By,
    string? Reason,
    DateTimeOffset At,
    IReadOnlyList<string> Incidents,
    IReadOnlyList<IReadOnlyList<Alarm>> Groups)
{
    /// <summary>How records are written in Redis and exported (JSON Lines): camelCase, enums as text.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}

/// <summary>
/// Operators' corrections kept as labelled feedback in a Redis stream (bounded), for `correlation evaluate
/// --feedback` (would these rules have made the correction unnecessary?) and `correlation train --feedback`.
/// </summary>
public sealed class FeedbackStore(IConnectionMultiplexer redis, WindowKeys keys)
{
    /// <summary>Corrections kept; older ones are trimmed (export them to keep them longer).</summary>
    public const int MaxRecords = 100_000;

    /// <summary>Alarms kept per group: enough to learn from, bounded for a storm-sized incident.</summary>
    public const int MaxAlarmsPerGroup = 200;

    public async Task RecordAsync(FeedbackLabel label, string by, string? reason, long atMs, IReadOnlyList<string> incidents,
        IReadOnlyList<IReadOnlyList<Alarm>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var record = new FeedbackRecord(Guid.NewGuid().ToString("N"), label, by, reason, DateTimeOffset.FromUnixTimeMilliseconds(atMs), incidents,
            [.. groups.Select(g => (IReadOnlyList<Alarm>)[.. g.Take(MaxAlarmsPerGroup)])]);
        await redis.GetDatabase().StreamAddAsync(keys.Feedback, [new NameValueEntry("r", JsonSerializer.Serialize(record, FeedbackRecord.Json))],
            maxLength: MaxRecords, useApproximateMaxLength: true);
    }

    /// <summary>Every record kept, oldest first, as JSON Lines (one record a line).</summary>
    public async Task WriteAsync(Stream output, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var db = redis.GetDatabase();
        RedisValue from = since is { } s ? $"{s.ToUnixTimeMilliseconds()}-0" : "-";
        while (true)
        {
            var entries = await db.StreamRangeAsync(keys.Feedback, from, "+", count: 500);
            foreach (var entry in entries)
            {
                await output.WriteAsync(System.Text.Encoding.UTF8.GetBytes((string)entry["r"]! + "\n"), cancellationToken);
            }

            if (entries.Length < 500)
            {
                return;
            }

            // The next page starts just after the last entry read.
            from = "(" + (string)entries[^1].Id!;
        }
    }
}
