using Correlation.Cli.Baselines;
using Correlation.Cli.Storms;
using Correlation.Ingest.Replay;

namespace Correlation.Cli.Commands;

/// <summary>What <c>correlation evaluate</c> was asked to do. Exactly one of the storm file, the Huawei folder and the feedback file is set.</summary>
public sealed record EvaluateOptions
{
    public string? StormFile { get; init; }

    public string? HuaweiFolder { get; init; }

    /// <summary>
    /// Operators' corrections exported from the correlator (GET /api/v1/feedback): evaluated instead of a storm,
    /// as the share of labelled alarm pairs the engine would have grouped as the operators did.
    /// </summary>
    public string? FeedbackFile { get; init; }

    /// <summary>The CMDB the storm happened on; without it the engine knows no topology.</summary>
    public string? CmdbFile { get; init; }

    /// <summary>
    /// `correlation shadow`: the engine with the rules in use (<see cref="ActiveRulesFile"/>, else the defaults) and with
    /// the candidate <see cref="RulesFile"/>, side by side, instead of the engine against the baselines.
    /// </summary>
    public bool Shadow { get; init; }

    /// <summary>With <see cref="Shadow"/>: the rules in use now; without it, the built-in defaults.</summary>
    public string? ActiveRulesFile { get; init; }

    /// <summary>A correlation rules file (the scoring settings in YAML); without it the engine uses the defaults.</summary>
    public string? RulesFile { get; init; }

    /// <summary>A type-affinity model learned by <c>correlation train</c>; without it the engine leaves that component out.</summary>
    public string? AffinityFile { get; init; }

    /// <summary>An ML.NET signature model learned by <c>correlation train --signatures</c>; its signature affinity joins the learned component.</summary>
    public string? SignaturesFile { get; init; }

    public TimeSpan Window { get; init; } = FixedWindowAssigner.DefaultWindow;

    public IReadOnlyList<string> GroupBy { get; init; } = AlertmanagerStyleAssigner.DefaultGroupBy;

    public TimeSpan GroupInterval { get; init; } = AlertmanagerStyleAssigner.DefaultGroupInterval;

    public TimeSpan ResolveTimeout { get; init; } = AlertmanagerStyleAssigner.DefaultResolveTimeout;

    public string? MarkdownFile { get; init; }

    public string? CsvFile { get; init; }

    public int MaxErrors { get; init; } = StormReader.DefaultMaxErrors;

    /// <summary>How many of the engine's largest false merges and worst splits to explain (0: none).</summary>
    public int Errors { get; init; }
}
