using System.Globalization;
using StackExchange.Redis;

namespace Correlation.Benchmarks.Load;

/// <summary>
/// What the benchmark asks Redis about itself: memory, CPU and per-command statistics (as deltas, so
/// nothing global is reset), the keys under the run's prefix with their sizes, and their removal.
/// </summary>
public sealed class RedisProbe(ConnectionMultiplexer connection, string prefix)
{
    private const int Batch = 1000;

    private IServer Server => connection.GetServers().Single();

    private IDatabase Database => connection.GetDatabase();

    public async Task<RedisStats> StatsAsync()
    {
        var info = Parse(await Server.InfoRawAsync("all") ?? "");
        var commands = new Dictionary<string, CommandStat>(StringComparer.Ordinal);
        foreach (var (name, value) in info)
        {
            if (!name.StartsWith("cmdstat_", StringComparison.Ordinal))
            {
                continue;
            }

            // cmdstat_evalsha:calls=12,usec=345,usec_per_call=28.75,rejected_calls=0,failed_calls=0
            long calls = 0, usec = 0;
            foreach (var part in value.Split(','))
            {
                var pair = part.Split('=');
                if (pair[0] == "calls")
                {
                    calls = long.Parse(pair[1], CultureInfo.InvariantCulture);
                }
                else if (pair[0] == "usec")
                {
                    usec = long.Parse(pair[1], CultureInfo.InvariantCulture);
                }
            }

            commands[name["cmdstat_".Length..]] = new CommandStat(calls, usec);
        }

        return new RedisStats(
            long.Parse(info["used_memory"], CultureInfo.InvariantCulture),
            double.Parse(info["used_cpu_user"], CultureInfo.InvariantCulture) + double.Parse(info["used_cpu_sys"], CultureInfo.InvariantCulture),
            info.GetValueOrDefault("redis_version") ?? "?",
            commands);
    }

    /// <summary>Every key under the prefix, grouped by the part of the correlator's key space it belongs to, with MEMORY USAGE.</summary>
    public async Task<IReadOnlyList<KeyGroup>> CensusAsync()
    {
        var groups = new Dictionary<string, (long Keys, long Bytes)>(StringComparer.Ordinal);
        var batch = new List<RedisKey>(Batch);
        async Task Measure()
        {
            var sizes = await Task.WhenAll(batch.Select(k => Database.ExecuteAsync("MEMORY", "USAGE", k, "SAMPLES", "0")));
            for (var i = 0; i < batch.Count; i++)
            {
                var group = GroupOf(batch[i]!);
                var (keys, bytes) = groups.GetValueOrDefault(group);
                groups[group] = (keys + 1, bytes + (sizes[i].IsNull ? 0 : (long)sizes[i]));
            }

            batch.Clear();
        }

        await foreach (var key in Server.KeysAsync(pattern: prefix + "*", pageSize: Batch))
        {
            batch.Add(key);
            if (batch.Count == Batch)
            {
                await Measure();
            }
        }

        await Measure();
        return [.. groups.OrderByDescending(g => g.Value.Bytes).Select(g => new KeyGroup(g.Key, g.Value.Keys, g.Value.Bytes))];
    }

    /// <summary>Removes every key under the prefix (SCAN + UNLINK, never FLUSHALL); answers how many.</summary>
    public async Task<long> DeleteAsync()
    {
        long deleted = 0;
        var batch = new List<object>(Batch);
        async Task Unlink()
        {
            if (batch.Count > 0)
            {
                deleted += (long)await Database.ExecuteAsync("UNLINK", [.. batch]);
                batch.Clear();
            }
        }

        await foreach (var key in Server.KeysAsync(pattern: prefix + "*", pageSize: Batch))
        {
            batch.Add(key);
            if (batch.Count == Batch)
            {
                await Unlink();
            }
        }

        await Unlink();
        return deleted;
    }

    /// <summary>The correlator's key space (see WindowKeys): <c>inc:{id}</c>, <c>inc:{id}:m</c>, <c>k:{key}</c>, ...</summary>
    private string GroupOf(string key)
    {
        var rest = key[prefix.Length..];
        const string Root = "correlator:";
        if (!rest.StartsWith(Root, StringComparison.Ordinal))
        {
            return "other";
        }

        rest = rest[Root.Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        var head = colon < 0 ? rest : rest[..colon];
        if (head == "inc")
        {
            return rest.EndsWith(":m", StringComparison.Ordinal) ? "inc:{id}:m (members)"
                : rest.EndsWith(":x", StringComparison.Ordinal) ? "inc:{id}:x (decision list)"
                : rest.EndsWith(":related", StringComparison.Ordinal) ? "inc:{id}:related (related incidents)"
                : "inc:{id} (incident hash, facts)";
        }

        return head switch
        {
            "applied" => "applied:{key} (applied alarms)",
            "x" => "x:{alarm} (decision records)",
            "cond" => "cond:{fingerprint} (conditions)",
            "k" => "k:{key} (candidate index)",
            _ => head,
        };
    }

    private static Dictionary<string, string> Parse(string info)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in info.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && !trimmed.StartsWith('#'))
            {
                fields[trimmed[..colon]] = trimmed[(colon + 1)..];
            }
        }

        return fields;
    }
}

public sealed record CommandStat(long Calls, long Usec);

public sealed record RedisStats(long UsedMemory, double CpuSeconds, string Version, IReadOnlyDictionary<string, CommandStat> Commands)
{
    /// <summary>Per-command calls and time spent between <paramref name="before"/> and this, busiest first.</summary>
    public IReadOnlyList<(string Command, CommandStat Stat)> CommandsSince(RedisStats before) =>
    [
        .. Commands
            .Select(c => (c.Key, new CommandStat(c.Value.Calls - (before.Commands.GetValueOrDefault(c.Key)?.Calls ?? 0),
                c.Value.Usec - (before.Commands.GetValueOrDefault(c.Key)?.Usec ?? 0))))
            .Where(c => c.Item2.Calls > 0)
            .OrderByDescending(c => c.Item2.Usec),
    ];
}

public sealed record KeyGroup(string Group, long Keys, long Bytes);
