using System.Text;

namespace Correlation.Ingest.Mail.Rules;

/// <summary>
/// A text with placeholders, as rules write resources and summaries: "{service} on {host}". A
/// placeholder lists alternatives ("{host|from}"); the first with a value is used, none gives "".
/// </summary>
public sealed class MailTemplate
{
    private readonly (string? Literal, string[]? Names)[] _parts;

    private MailTemplate((string?, string[]?)[] parts) => _parts = parts;

    public static MailTemplate Empty { get; } = new([]);

    /// <summary>Every placeholder name, so that a rule can be checked against what it can resolve.</summary>
    public IEnumerable<string> Names => _parts.Where(p => p.Names is not null).SelectMany(p => p.Names!);

    /// <returns>The template, or null with where it is wrong.</returns>
    public static MailTemplate? Parse(string text, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = "";
        var parts = new List<(string?, string[]?)>();
        var index = 0;
        while (index < text.Length)
        {
            var open = text.IndexOf('{', index);
            var close = text.IndexOf('}', index);
            if (close >= 0 && (open < 0 || close < open))
            {
                error = $"'}}' without '{{' at character {close + 1} of \"{text}\"";
                return null;
            }

            if (open < 0)
            {
                parts.Add((text[index..], null));
                break;
            }

            if (open > index)
            {
                parts.Add((text[index..open], null));
            }

            var names = close < 0 ? [] : text[(open + 1)..close].Split('|', StringSplitOptions.TrimEntries);
            if (names.Length == 0 || names.Any(n => n.Length == 0 || n.Contains('{', StringComparison.Ordinal)))
            {
                error = $"unclosed or empty placeholder at character {open + 1} of \"{text}\"";
                return null;
            }

            parts.Add((null, names));
            index = close + 1;
        }

        return new MailTemplate([.. parts]);
    }

    public string Render(Func<string, string?> resolve)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        var text = new StringBuilder();
        foreach (var (literal, names) in _parts)
        {
            text.Append(literal ?? names!.Select(resolve).FirstOrDefault(v => !string.IsNullOrEmpty(v)) ?? "");
        }

        return text.ToString().Trim();
    }
}
