using System.Text.RegularExpressions;
using Correlation.Ingest.Mail.Parsing;

namespace Correlation.Ingest.Mail.Rules;

/// <summary>A mapping rule ready to match: compiled patterns and parsed templates.</summary>
public sealed class MailRule
{
    /// <summary>What every template can name besides the patterns' groups.</summary>
    public static readonly IReadOnlySet<string> MailFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "from", "fromName", "fromDomain", "subject", "messageId",
    };

    // NonBacktracking: a subject or body from anyone on the network can never make a pattern run long.
    // The timeout is a second fence, should a future pattern need the backtracking engine.
    private const RegexOptions PatternOptions = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    private MailRule(string name, string source, Regex? from, Regex? subject, Regex[] body, MailRuleTemplates templates)
    {
        Name = name;
        Source = source;
        From = from;
        Subject = subject;
        Body = body;
        Templates = templates;
    }

    public string Name { get; }

    public string Source { get; }

    public Regex? From { get; }

    public Regex? Subject { get; }

    public IReadOnlyList<Regex> Body { get; }

    public MailRuleTemplates Templates { get; }

    /// <returns>The values the templates resolve (named groups), or null when the rule does not take the mail.</returns>
    public Dictionary<string, string>? Match(ParsedMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!TryMatch(From, mail.From.Address, values) || !TryMatch(Subject, mail.Subject, values))
        {
            return null;
        }

        foreach (var pattern in Body)
        {
            TryMatch(pattern, mail.Text, values);
        }

        return values;
    }

    private static bool TryMatch(Regex? pattern, string text, Dictionary<string, string> values)
    {
        if (pattern is null)
        {
            return true;
        }

        Match match;
        try
        {
            match = pattern.Match(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }

        if (!match.Success)
        {
            return false;
        }

        foreach (var name in pattern.GetGroupNames())
        {
            if (!int.TryParse(name, out _) && match.Groups[name] is { Success: true } group && group.Value.Trim().Length > 0)
            {
                values.TryAdd(name, group.Value.Trim());
            }
        }

        return true;
    }

    /// <returns>The rule, or null with what is wrong in it.</returns>
    public static MailRule? Compile(MailRuleOptions options, out string error)
    {
        ArgumentNullException.ThrowIfNull(options);
        error = "";
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            error = "Name is required";
            return null;
        }

        if (string.IsNullOrWhiteSpace(options.AlarmType))
        {
            error = "AlarmType is required";
            return null;
        }

        if (options.From.Length == 0 && options.Subject.Length == 0)
        {
            error = "From or Subject is required: a rule with neither would take every mail";
            return null;
        }

        var groups = new HashSet<string>(MailFields, StringComparer.OrdinalIgnoreCase);
        if (!TryCompile(options.From, "From", groups, out var from, out error)
            || !TryCompile(options.Subject, "Subject", groups, out var subject, out error))
        {
            return null;
        }

        var body = new List<Regex>();
        for (var i = 0; i < options.Body.Count; i++)
        {
            if (!TryCompile(options.Body[i], $"Body:{i}", groups, out var pattern, out error))
            {
                return null;
            }

            if (pattern is not null)
            {
                body.Add(pattern);
            }
        }

        var templates = MailRuleTemplates.Parse(options, groups, out error);
        return templates is null
            ? null
            : new MailRule(options.Name.Trim(), string.IsNullOrWhiteSpace(options.Source) ? options.Name.Trim() : options.Source.Trim(),
                from, subject, [.. body], templates);
    }

    private static bool TryCompile(string text, string setting, HashSet<string> groups, out Regex? regex, out string error)
    {
        regex = null;
        error = "";
        if (text.Length == 0)
        {
            return true;
        }

        try
        {
            regex = new Regex(text, PatternOptions, MatchTimeout);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            error = $"{setting}: \"{text}\" is not a regular expression that can run without backtracking: {ex.Message}";
            return false;
        }

        groups.UnionWith(regex.GetGroupNames().Where(n => !int.TryParse(n, out _)));
        return true;
    }
}
