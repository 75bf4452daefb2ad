using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Correlation.Topology;

namespace Correlation.Correlator.Scoring;

/// <summary>
/// A correlation rules file: the scoring settings in YAML (deploy/config/correlation-rules.yaml documents
/// every key), as platform engineers keep, review, replay (`correlation evaluate --rules`) and activate them.
/// Keys that are left out keep their defaults. A bad file is refused with every problem, each with its
/// file, line and reason.
/// </summary>
public static class ScoringRules
{
    private static readonly string[] Keys =
    [
        "window", "max-join-age", "time-scale", "consequence-time-scale", "max-hops", "other-site-penalty",
        "local-types", "outage-types", "weights", "join-threshold", "merge-threshold", "merge-until",
        "max-devices-per-incident",
    ];

    private static readonly string[] WeightKeys = ["time", "topology", "text", "affinity"];

    /// <summary>The file's key of each setting, to name it (and find its line) when a range check fails.</summary>
    private static readonly Dictionary<string, string> KeyOfProperty = new(StringComparer.Ordinal)
    {
        [nameof(ScoringOptions.Window)] = "window",
        [nameof(ScoringOptions.MaxJoinAge)] = "max-join-age",
        [nameof(ScoringOptions.TimeScale)] = "time-scale",
        [nameof(ScoringOptions.ConsequenceTimeScale)] = "consequence-time-scale",
        [nameof(ScoringOptions.MaxHops)] = "max-hops",
        [nameof(ScoringOptions.OtherSitePenalty)] = "other-site-penalty",
        [nameof(ScoringOptions.MaxDevicesPerIncident)] = "max-devices-per-incident",
        [nameof(ScoringOptions.JoinThreshold)] = "join-threshold",
        [nameof(ScoringOptions.MergeThreshold)] = "merge-threshold",
    };

    /// <summary>Reads and checks a rules file; settings it leaves out are taken from <paramref name="into"/> (else the defaults).</summary>
    /// <exception cref="RulesValidationException">The file is missing, unreadable or wrong; every problem is listed.</exception>
    public static ScoringOptions Load(string path, ScoringOptions? into = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RulesValidationException([new TopologyProblem(ProblemSeverity.Error,
                ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : ex.Message, new SourceLocation(path, 0, 0))]);
        }

        return Parse(text, path, into);
    }

    /// <summary>
    /// Checks the text of a rules file; <paramref name="path"/> names it in the problems. The settings are
    /// written into <paramref name="into"/> when given (and it is returned), else into new default settings.
    /// </summary>
    /// <exception cref="RulesValidationException">The text is not valid rules; every problem is listed.</exception>
    public static ScoringOptions Parse(string text, string path, ScoringOptions? into = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<TopologyProblem>();
        using var reader = new StringReader(text);
        var root = YamlTree.Read(reader, path, problems);
        var options = into ?? new ScoringOptions();
        var located = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        if (root is YamlTreeMapping mapping)
        {
            foreach (var (key, value) in mapping.Entries)
            {
                located[key.Value] = value.At;
            }

            Read(mapping, options, problems);
        }
        else if (root is not null)
        {
            problems.Add(Error("the rules must be a mapping of setting: value", root.At));
        }

        if (problems.Count == 0)
        {
            Check(options, path, located, problems);
        }

        if (problems.Any(p => p.IsError))
        {
            throw new RulesValidationException(problems);
        }

        return options;
    }

    /// <summary>A short, stable name of the settings' content: decision records carry it, so each decision says which rules made it.</summary>
    public static string Version(ScoringOptions options)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(options)));
        return "scoring-" + Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }

    private static void Read(YamlTreeMapping mapping, ScoringOptions options, List<TopologyProblem> problems)
    {
        foreach (var (key, value) in mapping.Entries)
        {
            switch (key.Value)
            {
                case "window": Duration(value, problems, v => options.Window = v); break;
                case "max-join-age": Duration(value, problems, v => options.MaxJoinAge = v); break;
                case "time-scale": Duration(value, problems, v => options.TimeScale = v); break;
                case "consequence-time-scale": Duration(value, problems, v => options.ConsequenceTimeScale = v); break;
                case "max-hops": Integer(value, problems, v => options.MaxHops = v); break;
                case "max-devices-per-incident": Integer(value, problems, v => options.MaxDevicesPerIncident = v); break;
                case "other-site-penalty": Number(value, problems, v => options.OtherSitePenalty = v); break;
                case "join-threshold": Number(value, problems, v => options.JoinThreshold = v); break;
                case "merge-threshold": Number(value, problems, v => options.MergeThreshold = v); break;
                case "local-types": Names(value, problems, v => options.LocalTypes = v); break;
                case "outage-types": Names(value, problems, v => options.OutageTypes = v); break;
                case "merge-until":
                    if (Scalar(value, problems) is { } stage)
                    {
                        if (Enum.TryParse<IncidentStage>(stage.Value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                            && !int.TryParse(stage.Value, out _))
                        {
                            options.MergeUntil = parsed;
                        }
                        else
                        {
                            problems.Add(Error($"merge-until must be one of opened, triaged, routed, not '{stage.Value}'", stage.At));
                        }
                    }

                    break;
                case "weights":
                    if (value is not YamlTreeMapping weights)
                    {
                        problems.Add(Error("weights must be a mapping of time, topology, text and affinity to numbers", value.At));
                        break;
                    }

                    foreach (var (weight, number) in weights.Entries)
                    {
                        switch (weight.Value)
                        {
                            case "time": Number(number, problems, v => options.TimeWeight = v); break;
                            case "topology": Number(number, problems, v => options.TopologyWeight = v); break;
                            case "text": Number(number, problems, v => options.TextWeight = v); break;
                            case "affinity": Number(number, problems, v => options.AffinityWeight = v); break;
                            default:
                                problems.Add(Error($"unknown weight '{weight.Value}'{Suggest.Hint(weight.Value, WeightKeys)}; "
                                    + $"the weights are {string.Join(", ", WeightKeys)}", weight.At));
                                break;
                        }
                    }

                    break;
                default:
                    problems.Add(Error($"unknown setting '{key.Value}'{Suggest.Hint(key.Value, Keys)}; the settings are {string.Join(", ", Keys)}", key.At));
                    break;
            }
        }
    }

    /// <summary>The same range checks as the service's settings, so a file that passes here starts a correlator.</summary>
    private static void Check(ScoringOptions options, string path, Dictionary<string, SourceLocation> located, List<TopologyProblem> problems)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var property = result.MemberNames.FirstOrDefault() ?? "";
            var key = KeyOfProperty.GetValueOrDefault(property, property);
            var message = (result.ErrorMessage ?? "invalid value").Replace($"The field {property}", key, StringComparison.Ordinal);
            problems.Add(Error(message, located.GetValueOrDefault(key, new SourceLocation(path, 0, 0))));
        }

        if (options.TimeWeight + options.TopologyWeight + options.TextWeight <= 0)
        {
            problems.Add(Error("the time, topology and text weights are all 0: no alarm could ever join an incident", new SourceLocation(path, 0, 0)));
        }

        if (options.MergeThreshold < options.JoinThreshold)
        {
            problems.Add(Error($"merge-threshold ({options.MergeThreshold.ToString(CultureInfo.InvariantCulture)}) is below join-threshold "
                + $"({options.JoinThreshold.ToString(CultureInfo.InvariantCulture)}): an alarm would merge incidents it is not close enough to join",
                new SourceLocation(path, 0, 0)));
        }
    }

    private static YamlTreeScalar? Scalar(YamlTreeNode node, List<TopologyProblem> problems)
    {
        if (node is YamlTreeScalar { IsNull: false } scalar)
        {
            return scalar;
        }

        problems.Add(Error("a value is needed here", node.At));
        return null;
    }

    private static void Duration(YamlTreeNode node, List<TopologyProblem> problems, Action<TimeSpan> set)
    {
        if (Scalar(node, problems) is not { } scalar)
        {
            return;
        }

        if (TimeSpan.TryParseExact(scalar.Value, ["c", "g"], CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero)
        {
            set(value);
        }
        else
        {
            problems.Add(Error($"'{scalar.Value}' is not a positive duration (hh:mm:ss, or d.hh:mm:ss)", scalar.At));
        }
    }

    private static void Integer(YamlTreeNode node, List<TopologyProblem> problems, Action<int> set)
    {
        if (Scalar(node, problems) is { } scalar)
        {
            if (int.TryParse(scalar.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                set(value);
            }
            else
            {
                problems.Add(Error($"'{scalar.Value}' is not a whole number", scalar.At));
            }
        }
    }

    private static void Number(YamlTreeNode node, List<TopologyProblem> problems, Action<double> set)
    {
        if (Scalar(node, problems) is not { } scalar)
        {
            return;
        }

        if (double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1)
        {
            set(value);
        }
        else
        {
            problems.Add(Error($"'{scalar.Value}' is not a number from 0 to 1", scalar.At));
        }
    }

    private static void Names(YamlTreeNode node, List<TopologyProblem> problems, Action<HashSet<string>> set)
    {
        if (node is not YamlTreeSequence sequence)
        {
            problems.Add(Error("a list of alarm types is needed here, such as [config_change, disk_full]", node.At));
            return;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in sequence.Items)
        {
            if (item is YamlTreeScalar { IsNull: false } name && name.Value.Trim().Length > 0)
            {
                names.Add(name.Value.Trim());
            }
            else
            {
                problems.Add(Error("each item must be an alarm type name", item.At));
            }
        }

        set(names);
    }

    private static TopologyProblem Error(string message, SourceLocation at) => new(ProblemSeverity.Error, message, at);
}

/// <summary>A rules file that cannot be used, with every problem found in it.</summary>
public sealed class RulesValidationException : Exception
{
    public RulesValidationException()
        : this([])
    {
    }

    public RulesValidationException(string message)
        : base(message) => Problems = [new TopologyProblem(ProblemSeverity.Error, message)];

    public RulesValidationException(string message, Exception innerException)
        : base(message, innerException) => Problems = [new TopologyProblem(ProblemSeverity.Error, message)];

    public RulesValidationException(IReadOnlyList<TopologyProblem> problems)
        : base("invalid correlation rules:" + Environment.NewLine + string.Join(Environment.NewLine, problems ?? []))
        => Problems = problems ?? [];

    public IReadOnlyList<TopologyProblem> Problems { get; }
}
