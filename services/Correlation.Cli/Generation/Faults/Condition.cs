using Correlation.Contracts;

namespace Correlation.Cli.Generation.Faults;

/// <summary>
/// One condition a fault raises: what repeats, flaps and clears of it share, so that they carry the same
/// resource text and therefore the same fingerprint.
/// </summary>
public sealed record Condition(
    string Resource,
    string? Site,
    string? Service,
    string AlarmType,
    AlarmSeverity Severity,
    string Summary,
    string? Instance,
    SourceKind Kind,
    string SourceName);
