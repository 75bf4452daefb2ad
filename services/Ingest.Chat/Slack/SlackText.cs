using System.Globalization;
using System.Text.RegularExpressions;

namespace Correlation.Ingest.Chat.Slack;

/// <summary>
/// Slack's message formatting to plain text and back: mentions, channel and link references in angle brackets,
/// and the three characters Slack escapes (&amp;, &lt;, &gt;).
/// </summary>
internal static partial class SlackText
{
    /// <summary>The text without the mentions it starts with ("&lt;@U0NOC&gt; the drives are down" → "the drives are down").</summary>
    public static string WithoutLeadingMentions(string text) => LeadingMentions().Replace(text, "");

    /// <summary>"&lt;#C1|noc&gt;" → "#noc", "&lt;@U1|sam&gt;" → "@sam", "&lt;https://x|docs&gt;" → "docs", "&amp;amp;" → "&amp;".</summary>
    public static string Plain(string text)
    {
        var plain = Reference().Replace(text, m =>
        {
            var inner = m.Groups[1].Value;
            var bar = inner.IndexOf('|', StringComparison.Ordinal);
            var target = bar < 0 ? inner : inner[..bar];
            var label = bar < 0 ? null : inner[(bar + 1)..];
            return target.Length == 0 ? "" : target[0] switch
            {
                '@' => "@" + (label ?? target[1..]),
                '#' => "#" + (label ?? target[1..]),
                '!' => "@" + (label ?? target[1..]),
                _ => label ?? target,
            };
        });
        return plain.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
    }

    /// <summary>Text for a reply: Slack reads &amp;, &lt; and &gt; as markup unless escaped.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Slack's message ts ("1712345678.000200", seconds since 1970) as a time; null when it is not one.</summary>
    public static DateTimeOffset? TimeOf(string? ts) =>
        decimal.TryParse(ts, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds <= 253_402_300_799m
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : null;

    [GeneratedRegex(@"^\s*(?:<@[^<>]*>[\s,:]*)+")]
    private static partial Regex LeadingMentions();

    [GeneratedRegex("<([^<>]*)>")]
    private static partial Regex Reference();
}
