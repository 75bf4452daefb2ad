using System.Net;
using System.Text;

namespace Correlation.Ingest.Mail.Parsing;

/// <summary>
/// Reduces HTML mail to the text a person would read: tags go, scripts, styles and comments go with
/// their content, block elements become line breaks, entities are decoded. One pass, no regular
/// expressions and no DOM, so hostile markup costs time in proportion to its length and never runs.
/// </summary>
public static class HtmlText
{
    private static readonly HashSet<string> Hidden = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "head", "title", "template", "noscript" };

    /// <summary>Elements that stand apart from what is around them, as a paragraph does.</summary>
    private static readonly HashSet<string> Paragraphs = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "hr",
    };

    /// <summary>Elements that begin a new line.</summary>
    private static readonly HashSet<string> Lines = new(StringComparer.OrdinalIgnoreCase)
    {
        "br", "div", "tr", "li", "dt", "dd", "section", "article", "header", "footer",
    };

    /// <param name="html">The markup.</param>
    /// <param name="maxChars">Longest text returned; the reduction stops there.</param>
    public static string ToText(string html, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = new StringBuilder();
        var index = 0;
        while (index < html.Length && text.Length < maxChars)
        {
            var open = html.IndexOf('<', index);
            if (open < 0)
            {
                AppendData(text, html.AsSpan(index));
                break;
            }

            AppendData(text, html.AsSpan(index, open - index));
            index = SkipMarkup(html, open, text);
        }

        return Tidy(text.ToString(), maxChars);
    }

    /// <returns>The index after the markup that starts at <paramref name="open"/>.</returns>
    /// <remarks>
    /// Every scan moves forward from where the last one stopped, and markup that never closes ends the
    /// text: so the work stays in proportion to the length, whatever the input.
    /// </remarks>
    private static int SkipMarkup(string html, int open, StringBuilder text)
    {
        if (html.AsSpan(open).StartsWith("<!--"))
        {
            var end = html.IndexOf("-->", open + 4, StringComparison.Ordinal);
            return end < 0 ? html.Length : end + 3;
        }

        var (name, endTag) = TagName(html, open + 1);
        if (name.Length == 0)
        {
            // "<!DOCTYPE ...>" and "<?xml ...?>" go; a '<' in text ("a < b") stays.
            if (open + 1 < html.Length && html[open + 1] is '!' or '?')
            {
                return Math.Min(TagEnd(html, open + 1) + 1, html.Length);
            }

            text.Append('<');
            return open + 1;
        }

        if (Paragraphs.Contains(name))
        {
            Break(text, 2);
        }
        else if (Lines.Contains(name))
        {
            Break(text, 1);
        }
        else if ((name.Equals("td", StringComparison.OrdinalIgnoreCase) || name.Equals("th", StringComparison.OrdinalIgnoreCase))
                 && text.Length > 0 && !char.IsWhiteSpace(text[^1]))
        {
            text.Append(' ');
        }

        var close = TagEnd(html, open + 1);
        if (close >= html.Length || endTag || !Hidden.Contains(name) || html[close - 1] == '/')
        {
            return Math.Min(close + 1, html.Length);
        }

        // The content of a script or style is not text: skip to its end tag (or the end of the document).
        var search = close + 1;
        while (true)
        {
            var next = html.IndexOf("</", search, StringComparison.Ordinal);
            if (next < 0)
            {
                return html.Length;
            }

            var (endName, _) = TagName(html, next + 1);
            if (endName.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return Math.Min(TagEnd(html, next + 1) + 1, html.Length);
            }

            search = next + 2;
        }
    }

    /// <summary>Ends the text with at least <paramref name="lines"/> line breaks (spaces between them do not count).</summary>
    private static void Break(StringBuilder text, int lines)
    {
        var have = 0;
        for (var i = text.Length - 1; i >= 0 && char.IsWhiteSpace(text[i]) && have < lines; i--)
        {
            if (text[i] == '\n')
            {
                have++;
            }
        }

        text.Append('\n', lines - have);
    }

    /// <summary>The '>' that ends a tag, skipping quoted attribute values; the end of the text if none.</summary>
    private static int TagEnd(string html, int from)
    {
        var quote = '\0';
        for (var i = from; i < html.Length; i++)
        {
            var c = html[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i;
            }
        }

        return html.Length;
    }

    /// <summary>The element name after a '&lt;' (at most 32 characters are looked at); empty when it is not a tag.</summary>
    private static (string Name, bool EndTag) TagName(string html, int from)
    {
        var endTag = from < html.Length && html[from] == '/';
        var start = endTag ? from + 1 : from;
        var end = start;
        while (end < html.Length && end - start < 32 && (char.IsAsciiLetterOrDigit(html[end]) || html[end] == '-'))
        {
            end++;
        }

        return end == start || !char.IsAsciiLetter(html[start]) ? ("", endTag) : (html[start..end], endTag);
    }

    private static void AppendData(StringBuilder text, ReadOnlySpan<char> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        // Whitespace in HTML text is layout, not content: runs of it read as one space.
        var decoded = data.Contains('&') ? WebUtility.HtmlDecode(data.ToString()) : data.ToString();
        var space = text.Length > 0 && char.IsWhiteSpace(text[^1]);
        foreach (var c in decoded)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!space)
                {
                    text.Append(' ');
                    space = true;
                }
            }
            else if (!char.IsControl(c))
            {
                text.Append(c);
                space = false;
            }
        }
    }

    /// <summary>Trims every line, and keeps at most one empty line between paragraphs.</summary>
    private static string Tidy(string text, int maxChars)
    {
        var lines = text.Split('\n').Select(l => l.Trim());
        var result = new StringBuilder();
        var blank = 0;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                blank++;
                continue;
            }

            if (result.Length > 0)
            {
                result.Append(blank > 0 ? "\n\n" : "\n");
            }

            blank = 0;
            result.Append(line);
        }

        return result.Length > maxChars ? result.ToString(0, maxChars) : result.ToString();
    }
}
