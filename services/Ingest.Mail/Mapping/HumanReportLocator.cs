using System.Text.RegularExpressions;
using Correlation.Topology;

namespace Correlation.Ingest.Mail.Mapping;

/// <summary>
/// Finds what a person's mail is about: explicit "site=leeds" / "service=payments" words first, then
/// site, service and device names from the CMDB mentioned in the subject or the start of the body (a
/// device stands for its site). Without a CMDB only the explicit words count.
/// </summary>
public sealed partial class HumanReportLocator(TopologyProvider? topology)
{
    /// <summary>How much of the body is searched: people put what matters first.</summary>
    public const int SearchChars = 4096;

    private const int MaxTokens = 1000;

    public (string? Site, string? Service) Locate(string subject, string body)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(body);
        var text = subject + "\n" + (body.Length > SearchChars ? body[..SearchChars] : body);
        string? site = null, service = null;
        foreach (Match match in ExplicitWord().Matches(text))
        {
            var value = match.Groups["value"].Value.Trim('.', ',', ';');
            if (match.Groups["key"].Value.Equals("site", StringComparison.OrdinalIgnoreCase))
            {
                site ??= value;
            }
            else
            {
                service ??= value;
            }
        }

        var network = topology?.Current;
        if (network is null)
        {
            return (site, service);
        }

        site = site is null ? null : network.FindSite(site)?.Id ?? site;
        service = service is null ? null : network.FindService(service)?.Id ?? service;
        service ??= network.Services.FirstOrDefault(s => Mentions(text, s.Id) || Mentions(text, s.Name))?.Id;
        site ??= network.Sites.FirstOrDefault(s => Mentions(text, s.Id) || Mentions(text, s.Name))?.Id;
        site ??= Tokens(text).Select(network.Resolve).FirstOrDefault(d => d?.SiteId is not null)?.SiteId;
        return (site, service);
    }

    /// <summary>Whether <paramref name="name"/> occurs in <paramref name="text"/> as a whole word (or words), any case.</summary>
    public static bool Mentions(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(name) || name.Length < 3)
        {
            return false;
        }

        for (var at = text.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = text.IndexOf(name, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + name.Length;
            if ((at == 0 || !IsWordChar(text[at - 1])) && (end == text.Length || !IsWordChar(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> Tokens(string text) =>
        TokenPattern().Matches(text).Select(m => m.Value.TrimEnd('.')).Where(t => t.Length >= 3).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxTokens);

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '-' or '_';

    [GeneratedRegex(@"\b(?<key>site|service)\s*[=:]\s*(?<value>[\p{L}\p{N}._-]{1,100})", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, 200)]
    private static partial Regex ExplicitWord();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}._-]{0,100}", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, 200)]
    private static partial Regex TokenPattern();
}
