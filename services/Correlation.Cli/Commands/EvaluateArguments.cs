using System.Globalization;

namespace Correlation.Cli.Commands;

/// <summary>
/// Parses the arguments after <c>evaluate</c>. Options take their value as the next argument or after
/// '=' (<c>--window 00:10:00</c> or <c>--window=00:10:00</c>).
/// </summary>
public static class EvaluateArguments
{
    /// <returns>The options, or null with <paramref name="error"/> saying what is wrong.</returns>
    public static EvaluateOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new EvaluateOptions();
        string? storm = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                if (storm is not null)
                {
                    error = $"one storm file at a time: '{storm}' and '{arg}' were both given";
                    return null;
                }

                storm = arg;
                continue;
            }

            if (!OptionReader.TryRead(args, ref i, out var name, out var value, out error))
            {
                return null;
            }

            switch (name)
            {
                case "--huawei":
                    options = options with { HuaweiFolder = value };
                    break;
                case "--cmdb":
                    options = options with { CmdbFile = value };
                    break;
                case "--feedback":
                    options = options with { FeedbackFile = value };
                    break;
                case "--active":
                    options = options with { ActiveRulesFile = value };
                    break;
                case "--rules":
                    options = options with { RulesFile = value };
                    break;
                case "--affinity":
                    options = options with { AffinityFile = value };
                    break;
                case "--signatures":
                    options = options with { SignaturesFile = value };
                    break;
                case "--window":
                    if (!TryDuration(name, value, out var window, out error))
                    {
                        return null;
                    }

                    options = options with { Window = window };
                    break;
                case "--group-interval":
                    if (!TryDuration(name, value, out var interval, out error, allowZero: true))
                    {
                        return null;
                    }

                    options = options with { GroupInterval = interval };
                    break;
                case "--resolve-timeout":
                    if (!TryDuration(name, value, out var timeout, out error))
                    {
                        return null;
                    }

                    options = options with { ResolveTimeout = timeout };
                    break;
                case "--group-by":
                    var keys = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                    if (keys.Length == 0)
                    {
                        error = "--group-by needs one or more comma-separated keys, such as alarmType,site";
                        return null;
                    }

                    options = options with { GroupBy = [.. keys.Distinct(StringComparer.Ordinal)] };
                    break;
                case "--markdown":
                    options = options with { MarkdownFile = value };
                    break;
                case "--csv":
                    options = options with { CsvFile = value };
                    break;
                case "--max-errors":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var maxErrors) || maxErrors < 1)
                    {
                        error = $"--max-errors: '{value}' is not a whole number of at least 1";
                        return null;
                    }

                    options = options with { MaxErrors = maxErrors };
                    break;
                case "--errors":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var errors) || errors < 1)
                    {
                        error = $"--errors: '{value}' is not a whole number of at least 1";
                        return null;
                    }

                    options = options with { Errors = errors };
                    break;
                default:
                    error = $"unknown option '{name}'";
                    return null;
            }
        }

        var inputs = (storm is null ? 0 : 1) + (options.HuaweiFolder is null ? 0 : 1) + (options.FeedbackFile is null ? 0 : 1);
        if (inputs > 1)
        {
            error = "give one of a storm file, --huawei <folder> and --feedback <file>, not several";
            return null;
        }

        if (inputs == 0)
        {
            error = "evaluate needs a storm file, --huawei <folder> or --feedback <file>";
            return null;
        }

        error = null;
        return options with { StormFile = storm };
    }

    private static bool TryDuration(string name, string value, out TimeSpan duration, out string? error, bool allowZero = false)
    {
        if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out duration) && (duration > TimeSpan.Zero || (allowZero && duration == TimeSpan.Zero)))
        {
            error = null;
            return true;
        }

        error = $"{name}: '{value}' is not a {(allowZero ? "non-negative" : "positive")} duration such as 00:05:00 (hh:mm:ss) or 1.00:00:00 (d.hh:mm:ss)";
        return false;
    }
}
