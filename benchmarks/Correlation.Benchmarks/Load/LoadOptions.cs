using System.Globalization;

namespace Correlation.Benchmarks.Load;

/// <summary>The options of <c>correlator-load</c>; <see cref="Usage"/> says what each means.</summary>
public sealed record LoadOptions
{
    public const string Usage = """
        usage: correlator-load --storm <storm.jsonl> --cmdb <cmdb.yaml> [options]

          --storm <file>        a storm from `correlation generate` (JSON Lines with truth groups)
          --cmdb <file>         the network it happened on
          --instances <n>       live correlators, each its own object, cache and Redis connection,
                                as separate processes would be; alarms are dealt round-robin (default 1)
          --in-flight <n>       alarms being decided at once, over all instances (default 64)
          --batch <n>           alarms handed to a correlator at once, in storm order, as the
                                consumer hands it a batch off the broker (default 1)
          --warmup <n>          first alarms of the storm decided before measuring (default 5000)
          --alarms <n>          use only the first n alarms of the storm (default all)
          --redis <config>      StackExchange.Redis configuration (default Redis__Configuration,
                                else 127.0.0.1:6390)
          --prefix <prefix>     key prefix of this run (default bench:<random>:); deleted at the end
          --keep-keys           leave the run's keys in Redis (for inspection)
          --no-offline          skip the offline replay of the same storm (the reference F1)
          --label <text>        names the run in the reports
          --markdown <file>     append the run's section to this Markdown report
          --csv <file>          append the run's figures to this CSV (header written when new)
        """;

    public required string Storm { get; init; }

    public required string Cmdb { get; init; }

    public int Instances { get; init; } = 1;

    public int InFlight { get; init; } = 64;

    public int Batch { get; init; } = 1;

    public int Warmup { get; init; } = 5000;

    public int? Alarms { get; init; }

    public string Redis { get; init; } = Environment.GetEnvironmentVariable("Redis__Configuration") is { Length: > 0 } configured
        ? configured
        : "127.0.0.1:6390";

    public string Prefix { get; init; } = "bench:" + Guid.NewGuid().ToString("N")[..12] + ":";

    public bool KeepKeys { get; init; }

    public bool Offline { get; init; } = true;

    public string? Label { get; init; }

    public string? Markdown { get; init; }

    public string? Csv { get; init; }

    /// <summary>The arguments as given, for the report.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public static LoadOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = Parse(args, out List<string> problems);
        error = problems.Count > 0 ? problems[0] : null;
        return problems.Count > 0 ? null : options;
    }

    private static LoadOptions? Parse(IReadOnlyList<string> args, out List<string> problems)
    {
        problems = [];
        var found = problems;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "--keep-keys" or "--no-offline":
                    flags.Add(name);
                    break;
                case "--storm" or "--cmdb" or "--instances" or "--in-flight" or "--batch" or "--warmup" or "--alarms" or "--redis" or "--prefix"
                    or "--label" or "--markdown" or "--csv":
                    if (i + 1 >= args.Count)
                    {
                        problems.Add($"{name} needs a value");
                        return null;
                    }

                    values[name] = args[++i];
                    break;
                default:
                    problems.Add($"unknown option {name}");
                    return null;
            }
        }

        if (!values.TryGetValue("--storm", out var storm) || !values.TryGetValue("--cmdb", out var cmdb))
        {
            problems.Add("--storm and --cmdb are required");
            return null;
        }

        int? Number(string name, int min)
        {
            if (!values.TryGetValue(name, out var text))
            {
                return null;
            }

            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min)
            {
                found.Add($"{name} must be a whole number of at least {min}, not '{text}'");
            }

            return n;
        }

        var defaults = new LoadOptions { Storm = storm, Cmdb = cmdb };
        var options = defaults with
        {
            Instances = Number("--instances", 1) ?? defaults.Instances,
            InFlight = Number("--in-flight", 1) ?? defaults.InFlight,
            Batch = Number("--batch", 1) ?? defaults.Batch,
            Warmup = Number("--warmup", 0) ?? defaults.Warmup,
            Alarms = Number("--alarms", 1),
            Redis = values.GetValueOrDefault("--redis") ?? defaults.Redis,
            Prefix = values.GetValueOrDefault("--prefix") ?? defaults.Prefix,
            KeepKeys = flags.Contains("--keep-keys"),
            Offline = !flags.Contains("--no-offline"),
            Label = values.GetValueOrDefault("--label"),
            Markdown = values.GetValueOrDefault("--markdown"),
            Csv = values.GetValueOrDefault("--csv"),
            Arguments = [.. args],
        };
        if (options.Prefix.Length == 0 || options.Prefix.IndexOfAny(['*', '?', '[', ']', '\\']) >= 0)
        {
            problems.Add("--prefix must be non-empty and free of glob characters");
        }

        return options;
    }
}
