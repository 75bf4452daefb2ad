using System.Net;
using System.Text.RegularExpressions;

namespace Correlation.Ingest.Chat.Teams;

/// <summary>
/// A Teams message's text is HTML: the mention that triggered the webhook ("&lt;at&gt;NOC&lt;/at&gt;"), markup
/// and entities. Plain text keeps other mentions as "@name".
/// </summary>
internal static partial class TeamsText
{
    public static string Plain(string html)
    {
        var text = LeadingMentions().Replace(html, "");
        text = Mention().Replace(text, m => "@" + m.Groups[1].Value);
        text = WebUtility.HtmlDecode(Tag().Replace(text, " "));
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Text for a reply: Teams renders markup, so the reporter's words are escaped; paragraphs for line breaks.</summary>
    public static string Escape(string text) =>
        WebUtility.HtmlEncode(text).Replace("\n", "\n\n", StringComparison.Ordinal);

    [GeneratedRegex(@"^(?:\s|&nbsp;|<p>|<div>)*(?:<at[^<>]*>[^<>]*</at>(?:\s|&nbsp;)*)+", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingMentions();

    [GeneratedRegex(@"<at[^<>]*>([^<>]*)</at>", RegexOptions.IgnoreCase)]
    private static partial Regex Mention();

    [GeneratedRegex("<[^<>]*>")]
    private static partial Regex Tag();
}
