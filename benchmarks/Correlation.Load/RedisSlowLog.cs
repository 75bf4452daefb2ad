using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace Correlation.Load;

/// <summary>
/// Redis' SLOWLOG (commands that ran at least slowlog-log-slower-than, 10 ms by default, inside Redis, which
/// runs one command at a time): the entries naming this run's key prefix are the pipeline's own Lua scripts and
/// calls that held Redis that long, named by script where the SHA is one of the correlator's (the harness hashes
/// the scripts the Correlator assembly embeds, as StackExchange.Redis sends them). Read before and after each
/// step; only new entries count. The log keeps the last 128 entries by default: a step that shows 128 had at
/// least that many, and its totals are lower bounds.
/// </summary>
internal static class RedisSlowLog
{
    private static readonly Dictionary<string, string> ScriptNames = Scripts();

    public sealed record Entry(long Id, double Ms, string Name);

    public static async Task<IReadOnlyList<Entry>> ReadAsync(IConnectionMultiplexer redis, string prefix)
    {
        try
        {
            var server = redis.GetServers()[0];
            var entries = await server.SlowlogGetAsync(128);
            return [.. entries.Where(e => e.Arguments.Any(a => a.ToString()?.Contains(prefix, StringComparison.Ordinal) == true))
                .Select(e => new Entry(e.UniqueId, e.Duration.TotalMilliseconds, NameOf(e.Arguments)))];
        }
        catch (RedisException)
        {
            return [];
        }
    }

    private static string NameOf(RedisValue[] arguments)
    {
        var command = arguments.Length > 0 ? arguments[0].ToString().ToUpperInvariant() : "?";
        if (command == "EVALSHA" && arguments.Length > 1)
        {
            var sha = arguments[1].ToString();
            return ScriptNames.TryGetValue(sha, out var name) ? name : $"script {sha[..Math.Min(8, sha.Length)]}";
        }

        return command;
    }

    /// <summary>Count, total and longest ms of the entries in <paramref name="after"/> that were not in <paramref name="before"/>, in all and by name.</summary>
    public static SlowCalls Since(IReadOnlyList<Entry> before, IReadOnlyList<Entry> after)
    {
        var last = before.Count == 0 ? -1 : before.Max(e => e.Id);
        var fresh = after.Where(e => e.Id > last).ToList();
        return new SlowCalls(fresh.Count, fresh.Sum(e => e.Ms), fresh.Count == 0 ? 0 : fresh.Max(e => e.Ms),
            fresh.GroupBy(e => e.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (g.Count(), g.Sum(e => e.Ms), g.Max(e => e.Ms)), StringComparer.Ordinal));
    }

    /// <summary>SHA-1 of each correlator script as sent (window scripts are the prelude, a newline and the script).</summary>
    private static Dictionary<string, string> Scripts()
    {
        var assembly = typeof(Correlation.Correlator.Live.LiveCorrelator).Assembly;
        string Read(string name)
        {
            using var stream = assembly.GetManifestResourceStream(name);
            if (stream is null)
            {
                return "";
            }

            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        var prelude = Read("window-prelude.lua");
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, text) in new[]
        {
            ("read-batch.lua", prelude + "\n" + Read("read-batch.lua")),
            ("commit-batch.lua", prelude + "\n" + Read("commit-batch.lua")),
            ("resolve-due.lua", Read("resolve-due.lua")),
            ("confirm-resolved.lua", Read("confirm-resolved.lua")),
        })
        {
#pragma warning disable CA5350 // Redis names scripts by their SHA-1; nothing here is a security use.
            names[Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)))] = name;
#pragma warning restore CA5350
        }

        return names;
    }
}

/// <summary>Slow calls of one step: in all, and by script or command.</summary>
internal sealed record SlowCalls(int Count, double TotalMs, double MaxMs, IReadOnlyDictionary<string, (int Count, double TotalMs, double MaxMs)> ByName)
{
    public static readonly SlowCalls None = new(0, 0, 0, new Dictionary<string, (int, double, double)>());
}
