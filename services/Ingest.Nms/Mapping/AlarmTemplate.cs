using System.Text;

namespace Correlation.Ingest.Nms.Mapping;

/// <summary>
/// A text with placeholders, as mapping rules write summaries, resources and instances:
/// "Interface {ifName|ifDescr|ifIndex} down". Each placeholder names one or more alternatives; the
/// first that has a value is used, none gives an empty string. What names mean is up to the caller.
/// </summary>
public sealed class AlarmTemplate
{
    private readonly Part[] _parts;

    private AlarmTemplate(Part[] parts) => _parts = parts;

    public bool IsEmpty => _parts.Length == 0;

    public static bool TryParse(string text, out AlarmTemplate template, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<Part>();
        var index = 0;
        template = new AlarmTemplate([]);
        error = "";
        while (index < text.Length)
        {
            var open = text.IndexOf('{', index);
            var close = text.IndexOf('}', index);
            if (close >= 0 && (open < 0 || close < open))
            {
                error = $"'}}' without '{{' at {close} in \"{text}\"";
                return false;
            }

            if (open < 0)
            {
                parts.Add(new Part(text[index..], null));
                break;
            }

            if (open > index)
            {
                parts.Add(new Part(text[index..open], null));
            }

            var names = close < 0 ? [] : text[(open + 1)..close].Split('|', StringSplitOptions.TrimEntries);
            if (names.Length == 0 || names.Any(n => n.Length == 0 || n.Contains('{', StringComparison.Ordinal)))
            {
                error = $"unclosed or empty placeholder at {open} in \"{text}\"";
                return false;
            }

            parts.Add(new Part(null, names));
            index = close + 1;
        }

        template = new AlarmTemplate([.. parts]);
        return true;
    }

    public static AlarmTemplate Parse(string text) =>
        TryParse(text, out var template, out var error) ? template : throw new FormatException(error);

    /// <summary>Every placeholder name, for validation against what a rule can resolve.</summary>
    public IEnumerable<string> Names => _parts.Where(p => p.Names is not null).SelectMany(p => p.Names!);

    public string Render(Func<string, string?> resolve)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        if (_parts.Length == 1 && _parts[0].Literal is { } only)
        {
            return only;
        }

        var text = new StringBuilder();
        foreach (var part in _parts)
        {
            text.Append(part.Literal ?? First(part.Names!, resolve));
        }

        return text.ToString();
    }

    private static string First(string[] names, Func<string, string?> resolve)
    {
        foreach (var name in names)
        {
            if (resolve(name) is { Length: > 0 } value)
            {
                return value;
            }
        }

        return "";
    }

    private sealed record Part(string? Literal, string[]? Names);
}
