using System.Globalization;

namespace Correlation.Load;

/// <summary>Command line of the load harness (see <see cref="Usage"/>).</summary>
internal sealed class HarnessOptions
{
    public const string Usage = """
        Correlation.Load: the whole pipeline under load, side by side with Alertmanager and the raw broker

        usage: Correlation.Load --host <Correlation.AllInOne.dll> --storm <storm.jsonl> --cmdb <cmdb.yaml> [options]
          --profile quick|full|soak quick: a few minutes; full: every step longer and bigger; soak: only the soak below (default quick)
          --huawei <folder>         the Huawei microwave dataset, replayed at 1x, 10x and 100x
          --huawei-cmdb <file>      where to write the Huawei topology as a CMDB (default: in --work)
          --alertmanager <binary>   Prometheus Alertmanager, run side by side (default: none, skipped)
          --rabbit <amqp url>       default $RabbitMq__Url or amqp://correlation:correlation@127.0.0.1:5679/
          --rabbit-node <node>      for rabbitmqctl's queue listing (default rabbit@localhost)
          --redis <config>          default $Redis__Configuration or 127.0.0.1:6390
          --work <folder>           logs, configs, pids (default: a new temporary folder)
          --results <folder>        where the report goes (default benchmarks/results)
          --name <name>             report file names: <name>.md, <name>.csv, <name>-backlog.csv (default pipeline-load)
          --only <a,b,...>          only these parts: storm, channels, steps, duplicates, burst, isolation, huawei, alertmanager, ceiling
          --command <text>          the command that reproduces the run, for the report
          --soak-rate <alarms/s>    soak: the steady rate (default 50)
          --soak-minutes <n>        soak: how long the load lasts (default 30)
          --soak-interval <s>       soak: seconds per reported interval (default 60)
          --soak-retention <d>      soak: every retention and dedup horizon of the host set to this (hh:mm:ss), so that its
                                    state reaches its steady size within the run; "default" keeps the services' own (default 00:05:00)
        """;

    public required string HostDll { get; init; }

    public required string Storm { get; init; }

    public required string Cmdb { get; init; }

    public string? Huawei { get; init; }

    public string? HuaweiCmdb { get; init; }

    public string? Alertmanager { get; init; }

    public Uri RabbitUrl { get; init; } = new(Environment.GetEnvironmentVariable("RabbitMq__Url") is { Length: > 0 } url ? url : "amqp://correlation:correlation@127.0.0.1:5679/");

    public string RabbitNode { get; init; } = "rabbit@localhost";

    public string Redis { get; init; } = Environment.GetEnvironmentVariable("Redis__Configuration") is { Length: > 0 } redis ? redis : "127.0.0.1:6390";

    public required string Work { get; init; }

    public string Results { get; init; } = "benchmarks/results";

    public string Name { get; init; } = "pipeline-load";

    public IReadOnlySet<string>? Only { get; init; }

    public string Command { get; init; } = "make bench-quick";

    public Profile Profile { get; init; } = Profile.Quick;

    public double SoakRate { get; init; } = 50;

    public double SoakMinutes { get; init; } = 30;

    public double SoakIntervalSeconds { get; init; } = 60;

    /// <summary>Null: the services' own retentions.</summary>
    public TimeSpan? SoakRetention { get; init; } = TimeSpan.FromMinutes(5);

    public bool Runs(string part) => Only is null || Only.Contains(part);

    public static HarnessOptions? Parse(string[] args, out string? error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                error = $"'{args[i]}' is not an option with a value";
                return null;
            }

            values[args[i][2..]] = args[++i];
        }

        string[] known = ["host", "storm", "cmdb", "profile", "huawei", "huawei-cmdb", "alertmanager", "rabbit", "rabbit-node", "redis", "work", "results", "name", "only", "command", "soak-rate", "soak-minutes", "soak-interval", "soak-retention"];
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            error = $"unknown option --{unknown}";
            return null;
        }

        foreach (var required in new[] { "host", "storm", "cmdb" })
        {
            if (!values.ContainsKey(required))
            {
                error = $"--{required} is required";
                return null;
            }
        }

        var profile = values.GetValueOrDefault("profile", "quick") switch
        {
            "quick" => Profile.Quick,
            "full" => Profile.Full,
            "soak" => Profile.Soak,
            _ => (Profile?)null,
        };
        if (profile is null)
        {
            error = "--profile is quick, full or soak";
            return null;
        }

        double Number(string name, double fallback) =>
            values.TryGetValue(name, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
            : values.ContainsKey(name) ? double.NaN : fallback;
        var (soakRate, soakMinutes, soakInterval) = (Number("soak-rate", 50), Number("soak-minutes", 30), Number("soak-interval", 60));
        if (double.IsNaN(soakRate) || double.IsNaN(soakMinutes) || double.IsNaN(soakInterval))
        {
            error = "--soak-rate, --soak-minutes and --soak-interval are positive numbers";
            return null;
        }

        TimeSpan? retention = TimeSpan.FromMinutes(5);
        if (values.TryGetValue("soak-retention", out var retentionText))
        {
            if (retentionText == "default")
            {
                retention = null;
            }
            else if (TimeSpan.TryParse(retentionText, CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero)
            {
                retention = parsed;
            }
            else
            {
                error = "--soak-retention is hh:mm:ss or default";
                return null;
            }
        }

        var work = values.GetValueOrDefault("work") ?? Directory.CreateTempSubdirectory("pipeline-load-").FullName;
        Directory.CreateDirectory(work);
        error = null;
        var defaults = new HarnessOptions { HostDll = "", Storm = "", Cmdb = "", Work = work };
        return new HarnessOptions
        {
            HostDll = Path.GetFullPath(values["host"]),
            Storm = Path.GetFullPath(values["storm"]),
            Cmdb = Path.GetFullPath(values["cmdb"]),
            Huawei = values.GetValueOrDefault("huawei") is { } h ? Path.GetFullPath(h) : null,
            HuaweiCmdb = values.GetValueOrDefault("huawei-cmdb") is { } hc ? Path.GetFullPath(hc) : Path.Combine(work, "huawei-cmdb.yaml"),
            Alertmanager = values.GetValueOrDefault("alertmanager"),
            RabbitUrl = values.TryGetValue("rabbit", out var rabbit) ? new Uri(rabbit) : defaults.RabbitUrl,
            RabbitNode = values.GetValueOrDefault("rabbit-node", defaults.RabbitNode),
            Redis = values.GetValueOrDefault("redis", defaults.Redis),
            Work = work,
            Results = values.GetValueOrDefault("results", defaults.Results),
            Name = values.GetValueOrDefault("name", defaults.Name),
            Only = values.GetValueOrDefault("only") is { } only ? only.Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal) : null,
            Command = values.GetValueOrDefault("command", defaults.Command),
            Profile = profile.Value,
            SoakRate = soakRate,
            SoakMinutes = soakMinutes,
            SoakIntervalSeconds = soakInterval,
            SoakRetention = retention,
        };
    }
}

internal enum Profile
{
    Quick,
    Full,

    /// <summary>Only the soak (<see cref="Soak"/>): a steady rate for a long time, memory and latency per interval.</summary>
    Soak,
}

/// <summary>The sizes of each part of a run, by profile.</summary>
internal sealed record Plan(
    double StormRate,
    double[] StepRates,
    double StepSeconds,
    int StepMaxAlarms,
    int BurstAlarms,
    int ChannelAlarms,
    double ChannelRate,
    int SingleAlarms,
    double SingleRate,
    double[] HuaweiSpeeds,
    double HuaweiSeconds,
    bool HuaweiWhole,
    double CeilingSeconds,
    double DrainSecondsBase,
    double DrainAlarmsPerSecond,
    double SettleSecondsBase,
    double SettleAlarmsPerSecond,
    double[] DuplicateRates,
    int AlertmanagerMaxAlarms,
    int IsolationAlarms)
{
    /// <summary>
    /// Quick aims at five minutes on a two-core machine with the pipeline near 1,000 alarms/s: every part smaller,
    /// the duplicate series two steps, a 20,000-alarm burst. Full runs the sizes (100,000-alarm burst, steps
    /// of 15 s up to 30,000 alarms each) within 30 minutes. Both stop a rate series at the first step the pipeline
    /// correlates at under half the offered rate: the steps above it would only queue more. The soak takes quick's
    /// warm-up and drain limits.
    /// </summary>
    public static Plan Of(Profile profile) => profile != Profile.Full
        ? new Plan(StormRate: 2000, StepRates: [100, 1000, 5000, 20000, 50000], StepSeconds: 5, StepMaxAlarms: 10_000, BurstAlarms: 20_000,
            ChannelAlarms: 1000, ChannelRate: 500, SingleAlarms: 300, SingleRate: 100, HuaweiSpeeds: [1, 10, 100], HuaweiSeconds: 8, HuaweiWhole: false,
            CeilingSeconds: 4, DrainSecondsBase: 10, DrainAlarmsPerSecond: 1000, SettleSecondsBase: 5, SettleAlarmsPerSecond: 4000,
            DuplicateRates: [1000, 20000], AlertmanagerMaxAlarms: 20_000, IsolationAlarms: 20_000)
        : new Plan(StormRate: 2000, StepRates: [100, 1000, 2000, 5000, 10000, 20000, 50000], StepSeconds: 15, StepMaxAlarms: 30_000, BurstAlarms: 100_000,
            ChannelAlarms: 10_000, ChannelRate: 2000, SingleAlarms: 3000, SingleRate: 500, HuaweiSpeeds: [1, 10, 100], HuaweiSeconds: 60, HuaweiWhole: true,
            CeilingSeconds: 10, DrainSecondsBase: 30, DrainAlarmsPerSecond: 500, SettleSecondsBase: 20, SettleAlarmsPerSecond: 1000,
            DuplicateRates: [100, 1000, 5000, 20000, 50000], AlertmanagerMaxAlarms: 100_000, IsolationAlarms: 50_000);

    public static string Rate(double rate) => rate == 0 ? "max" : rate.ToString("N0", CultureInfo.InvariantCulture) + "/s";
}
