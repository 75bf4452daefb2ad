namespace Correlation.Ingest.Chat.Reports;

internal enum CommandKind
{
    /// <summary>"help", or nothing at all.</summary>
    Help,

    /// <summary>"report" with a description.</summary>
    Report,

    /// <summary>"report" with nothing to say (perhaps only site=…).</summary>
    EmptyReport,

    /// <summary>A first word we do not know.</summary>
    Unknown,
}

/// <summary>
/// The one command shape every platform takes once its trigger (slash command, mention, trigger word) is
/// removed: "report &lt;text&gt; [site=… service=…]" or "help".
/// </summary>
/// <param name="Text">The report's text after "report" (key=value words included), or the unknown word.</param>
internal sealed record ReportCommand(CommandKind Kind, string Text)
{


    public static ReportCommand Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return new ReportCommand(CommandKind.Help, "");
        }

        // Any kind of space ends the word: Teams writes a no-break space after a mention.
        var end = 0;
        while (end < trimmed.Length && !char.IsWhiteSpace(trimmed[end]))
        {
            end++;
        }

        var word = trimmed[..end];
        var rest = trimmed[end..].Trim();
        if (word.Equals("help", StringComparison.OrdinalIgnoreCase) || word == "?")
        {
            return new ReportCommand(CommandKind.Help, "");
        }

        if (word.Equals("report", StringComparison.OrdinalIgnoreCase))
        {
            return ReportText.Parse(rest).Description.Length == 0
                ? new ReportCommand(CommandKind.EmptyReport, rest)
                : new ReportCommand(CommandKind.Report, rest);
        }

        return new ReportCommand(CommandKind.Unknown, word.Length > 40 ? word[..40] + "…" : word);
    }
}
