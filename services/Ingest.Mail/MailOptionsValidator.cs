using System.ComponentModel.DataAnnotations;
using System.Net;
using Correlation.Ingest.Admission;
using Correlation.Ingest.Mail.Rules;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Mail;

/// <summary>
/// Checks what data annotations cannot: the nested sections, the address, the recipient domains, the
/// IMAP account when one is configured, and every rule (patterns, templates), naming the setting that is wrong.
/// </summary>
public sealed class MailOptionsValidator : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Annotations(options.Smtp, "Mail:Smtp", failures);
        Annotations(options.Imap, "Mail:Imap", failures);
        if (!IPAddress.TryParse(options.Smtp.Address, out _))
        {
            failures.Add($"Mail:Smtp:Address: '{options.Smtp.Address}' is not an IP address");
        }

        if (options.Smtp.HostName.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            failures.Add($"Mail:Smtp:HostName: '{options.Smtp.HostName}' must be one word (a host name)");
        }

        for (var i = 0; i < options.Smtp.AllowedRecipientDomains.Count; i++)
        {
            var domain = options.Smtp.AllowedRecipientDomains[i].Trim().TrimStart('@');
            if (domain.Length == 0 || domain.Contains('@', StringComparison.Ordinal) || domain.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            {
                failures.Add($"Mail:Smtp:AllowedRecipientDomains:{i}: '{options.Smtp.AllowedRecipientDomains[i]}' is not a domain such as noc.example.com");
            }
        }

        if (SenderNetworks.Parse(options.Smtp.AllowedClientNetworks, out var networkError) is null)
        {
            failures.Add($"Mail:Smtp:AllowedClientNetworks:{networkError}");
        }

        if (options.Imap.Enabled)
        {
            if (string.IsNullOrWhiteSpace(options.Imap.Username) || string.IsNullOrEmpty(options.Imap.Password))
            {
                failures.Add("Mail:Imap: Username and Password are required when Mail:Imap:Host is set");
            }

            if (string.IsNullOrWhiteSpace(options.Imap.Folder))
            {
                failures.Add("Mail:Imap:Folder must name a folder (INBOX, say)");
            }

            if (options.Imap.MoveTo.Trim().Equals(options.Imap.Folder.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                failures.Add("Mail:Imap:MoveTo must differ from Mail:Imap:Folder, or every message would be taken again");
            }
        }

        if (MailRuleSet.Compile(options.Rules, false, out var ruleError) is null)
        {
            failures.Add($"Mail:{ruleError}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Annotations(object section, string path, List<string> failures)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{path}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }
    }
}
