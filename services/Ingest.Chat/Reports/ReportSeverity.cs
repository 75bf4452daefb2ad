using Correlation.Contracts;

namespace Correlation.Ingest.Chat.Reports;

/// <summary>
/// How bad a report is, kept deliberately simple: <see cref="ChatOptions.DefaultSeverity"/> (minor), or
/// major when the report holds one of <see cref="ChatOptions.MajorWords"/> ("down", "outage", ...). People
/// rarely say how bad something is in a way a rule reads better than that; the NOC's triage decides.
/// </summary>
internal sealed class ReportSeverity(ChatOptions options)
{
    private readonly string[][] _majorPhrases = [.. options.MajorWords.Select(Words.Of).Where(p => p.Length > 0)];

    public AlarmSeverity Of(string description)
    {
        var words = Words.Of(description);
        return _majorPhrases.Any(p => Words.ContainsPhrase(words, p)) && options.DefaultSeverity < AlarmSeverity.Major
            ? AlarmSeverity.Major
            : options.DefaultSeverity;
    }
}
