namespace Correlation.Ingest.Mail.Rules;

/// <summary>A rule's templates, parsed and checked against the names the rule can resolve.</summary>
public sealed record MailRuleTemplates(
    MailTemplate AlarmType,
    MailTemplate Severity,
    MailTemplate Cleared,
    MailTemplate Resource,
    MailTemplate Instance,
    MailTemplate Site,
    MailTemplate Service,
    MailTemplate Summary)
{
    /// <returns>The templates, or null with the setting that is wrong.</returns>
    public static MailRuleTemplates? Parse(MailRuleOptions options, IReadOnlySet<string> names, out string error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(names);
        var parsed = new List<MailTemplate>();
        foreach (var (setting, text) in (ReadOnlySpan<(string, string)>)[
            ("AlarmType", options.AlarmType), ("Severity", options.Severity), ("Cleared", options.Cleared),
            ("Resource", options.Resource), ("Instance", options.Instance), ("Site", options.Site),
            ("Service", options.Service), ("Summary", options.Summary)])
        {
            var template = MailTemplate.Parse(text, out error);
            if (template is null)
            {
                error = $"{setting}: {error}";
                return null;
            }

            if (template.Names.FirstOrDefault(n => !names.Contains(n)) is { } unknown)
            {
                error = $"{setting}: {{{unknown}}} is neither a named group of the rule's patterns nor one of {string.Join(", ", MailRule.MailFields)}";
                return null;
            }

            parsed.Add(template);
        }

        error = "";
        return new MailRuleTemplates(parsed[0], parsed[1], parsed[2], parsed[3], parsed[4], parsed[5], parsed[6], parsed[7]);
    }
}
