using System.Text.Json;
using Correlation.Console.Projection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Correlation.Console.Reports;

/// <summary>An incident that is part of a pattern.</summary>
public sealed record PatternIncident(Guid IncidentId, string Title, string? Site, DateTimeOffset ResolvedAt, string? FailureType, string? CauseCategory);

/// <summary>Something (an element, a site, a cause category) that failed <paramref name="Count"/> times in the period.</summary>
public sealed record Pattern(string Key, int Count, DateTimeOffset First, DateTimeOffset Last, IReadOnlyList<PatternIncident> Incidents);

/// <summary>
/// What recurs among the incidents resolved in [<paramref name="From"/>, <paramref name="To"/>]: elements (the recorded
/// root cause's element, else the correlator's probable cause), sites and root-cause categories seen at least
/// <paramref name="MinOccurrences"/> times, most frequent first.
/// </summary>
public sealed record PatternsReport(
    DateTimeOffset From,
    DateTimeOffset To,
    int MinOccurrences,
    int ResolvedIncidents,
    int WithRootCause,
    IReadOnlyList<Pattern> Elements,
    IReadOnlyList<Pattern> Sites,
    IReadOnlyList<Pattern> CauseCategories);

/// <summary>Builds the patterns report from the closures and root causes the projection records, for problem management.</summary>
public sealed class PatternReporter(IConnectionMultiplexer redis, ConsoleKeys keys, IOptions<ConsoleOptions> options, TimeProvider clock)
{
    public async Task<PatternsReport> ReportAsync(DateTimeOffset from, DateTimeOffset to, int minOccurrences)
    {
        var db = redis.GetDatabase();
        await ForgetOldAsync(db);
        var ids = await db.SortedSetRangeByScoreAsync(keys.Closures, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        var fields = ids.Select(i => (RedisValue)(string)i!).ToArray();
        var closures = fields.Length == 0 ? [] : await db.HashGetAsync(keys.ClosureRecords, fields);
        var causes = fields.Length == 0 ? [] : await db.HashGetAsync(keys.RootCauses, fields);
        var items = new List<(Closure Closure, RootCauseView? Cause)>();
        for (var i = 0; i < fields.Length; i++)
        {
            if (closures[i].IsNull)
            {
                continue;
            }

            items.Add((JsonSerializer.Deserialize<Closure>((string)closures[i]!, IncidentViewStore.Json)!,
                causes[i].IsNull ? null : JsonSerializer.Deserialize<RootCauseView>((string)causes[i]!, IncidentViewStore.Json)));
        }

        return new PatternsReport(from, to, minOccurrences, items.Count, items.Count(i => i.Cause is not null),
            Recurring(items, i => i.Cause?.RootCause.Element ?? i.Closure.ProbableCause, minOccurrences),
            Recurring(items, i => i.Closure.Site, minOccurrences),
            Recurring(items, i => i.Cause?.RootCause.CauseCategory, minOccurrences));
    }

    private static List<Pattern> Recurring(List<(Closure Closure, RootCauseView? Cause)> items,
        Func<(Closure Closure, RootCauseView? Cause), string?> key, int minOccurrences) =>
        items.Where(i => !string.IsNullOrWhiteSpace(key(i)))
            .GroupBy(i => key(i)!.Trim(), StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() >= minOccurrences)
            .Select(g => new Pattern(g.Key, g.Count(), g.Min(i => i.Closure.ResolvedAt), g.Max(i => i.Closure.ResolvedAt),
                g.OrderBy(i => i.Closure.ResolvedAt)
                    .Select(i => new PatternIncident(i.Closure.IncidentId, i.Closure.Title, i.Closure.Site, i.Closure.ResolvedAt,
                        i.Cause?.RootCause.FailureType, i.Cause?.RootCause.CauseCategory))
                    .ToList()))
            .OrderByDescending(p => p.Count).ThenBy(p => p.Key, StringComparer.Ordinal)
            .ToList();

    /// <summary>Closures older than the retention leave the report's data, with their root causes.</summary>
    private async Task ForgetOldAsync(IDatabase db)
    {
        var cutoff = (clock.GetUtcNow() - options.Value.PatternRetention).ToUnixTimeMilliseconds();
        var old = await db.SortedSetRangeByScoreAsync(keys.Closures, double.NegativeInfinity, cutoff, take: 1000);
        if (old.Length > 0)
        {
            await db.HashDeleteAsync(keys.ClosureRecords, old);
            await db.HashDeleteAsync(keys.RootCauses, old);
            await db.SortedSetRemoveAsync(keys.Closures, old);
        }
    }
}
