using Correlation.Ingest.Mail.Parsing;

namespace Correlation.Ingest.Mail.Rules;

/// <summary>The rules in force, configured ones first; the first rule that takes a mail decides.</summary>
public sealed class MailRuleSet(IReadOnlyList<MailRule> rules)
{
    public IReadOnlyList<MailRule> Rules { get; } = rules;

    /// <returns>The rule set, or null with the problem as "Rules:N: reason".</returns>
    public static MailRuleSet? Compile(IReadOnlyList<MailRuleOptions> configured, bool builtIns, out string error)
    {
        ArgumentNullException.ThrowIfNull(configured);
        error = "";
        var rules = new List<MailRule>();
        for (var i = 0; i < configured.Count; i++)
        {
            var rule = MailRule.Compile(configured[i], out var reason);
            if (rule is null)
            {
                error = $"Rules:{i}: {reason}";
                return null;
            }

            rules.Add(rule);
        }

        if (builtIns)
        {
            rules.AddRange(BuiltInMailRules.All.Select(r => MailRule.Compile(r, out var reason)
                ?? throw new InvalidOperationException($"Built-in mail rule {r.Name}: {reason}")));
        }

        return new MailRuleSet(rules);
    }

    /// <returns>The first rule that takes the mail with its values, or null.</returns>
    public (MailRule Rule, Dictionary<string, string> Values)? Match(ParsedMail mail)
    {
        foreach (var rule in Rules)
        {
            if (rule.Match(mail) is { } values)
            {
                return (rule, values);
            }
        }

        return null;
    }
}
