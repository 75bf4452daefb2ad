using System.Globalization;
using System.Text;
using Correlation.Contracts;
using Correlation.Ingest.Mail.Parsing;
using Correlation.Ingest.Mail.Rules;

namespace Correlation.Ingest.Mail.Mapping;

/// <summary>
/// Turns a parsed mail into one alarm: through the first rule that takes it, else as a person's report
/// ("user_report", low severity) so that no mail is dropped unseen. The Message-ID is the idempotency key,
/// so the same mail delivered twice (an SMTP retry, a re-poll after a crash, the same alert both sent and
/// found in the mailbox) counts once downstream; the thread's first Message-ID ties follow-ups together.
/// </summary>
public sealed class MailAlarmMapper(MailRuleSet rules, HumanReportLocator locator, MailOptions options, TimeProvider time)
{
    public const string UserReport = "user_report";
    public const string UserReportSource = "email";
    public const int MaxResourceChars = 256;
    public const int MaxSummaryChars = 1024;

    /// <summary>Date headers further off than this are not believed: the alarm is observed when it arrived.</summary>
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxDelivery = TimeSpan.FromDays(7);

    public (Alarm Alarm, string? Rule) Map(ParsedMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var now = time.GetUtcNow();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["thread"] = mail.ThreadRoot,
            ["mail_from"] = mail.From.Address,
        };
        var details = Details(mail);
        var matched = rules.Match(mail);
        var alarm = matched is { } m ? FromRule(mail, m.Rule, m.Values, labels, details, now) : FromPerson(mail, labels, details, now);
        return (alarm, matched?.Rule.Name);
    }

    private Alarm FromRule(ParsedMail mail, MailRule rule, Dictionary<string, string> values, Dictionary<string, string> labels,
        Dictionary<string, string> details, DateTimeOffset now)
    {
        string? Resolve(string name) => values.TryGetValue(name, out var value) ? value : Field(mail, name);
        var t = rule.Templates;
        var alarmType = Slug(t.AlarmType.Render(Resolve));
        var resource = Bound(t.Resource.Render(Resolve), MaxResourceChars) is { Length: > 0 } r ? r : mail.From.Address;
        var instance = Bound(t.Instance.Render(Resolve), MaxResourceChars);
        var severityText = t.Severity.Render(Resolve);
        var severity = SeverityWords.TryParse(severityText, out var s) ? s : AlarmSeverity.Warning;
        var status = SeverityWords.IsClear(t.Cleared.Render(Resolve)) ? AlarmStatus.Cleared : AlarmStatus.Raised;
        labels["rule"] = rule.Name;
        if (instance.Length > 0)
        {
            labels["instance"] = instance;
        }

        if (severityText.Length > 0)
        {
            details["severity_text"] = Bound(severityText, 100);
        }

        foreach (var (name, value) in values)
        {
            details["match." + name] = Bound(value, 500);
        }

        return new Alarm(
            Guid.CreateVersion7(now),
            IdempotencyKey(mail),
            AlarmFingerprint.Compute(resource, alarmType.Length > 0 ? alarmType : "mail_alert", instance.Length > 0 ? instance : null),
            SourceKind.Email,
            Bound(rule.Source, 100),
            resource,
            Optional(t.Site.Render(Resolve)),
            Optional(t.Service.Render(Resolve)),
            alarmType.Length > 0 ? alarmType : "mail_alert",
            severity,
            status,
            Summary(t.Summary.Render(Resolve), mail),
            labels,
            details,
            ObservedAt(mail, now),
            now);
    }

    private Alarm FromPerson(ParsedMail mail, Dictionary<string, string> labels, Dictionary<string, string> details, DateTimeOffset now)
    {
        var (site, service) = locator.Locate(mail.Subject, mail.Text);
        var resource = Bound(site ?? mail.From.Address, MaxResourceChars);
        labels["instance"] = mail.ThreadRoot;
        return new Alarm(
            Guid.CreateVersion7(now),
            IdempotencyKey(mail),
            // One condition per thread: a follow-up ("still down") repeats its first mail, it is not a new report.
            AlarmFingerprint.Compute(resource, UserReport, mail.ThreadRoot),
            SourceKind.Email,
            UserReportSource,
            resource,
            site,
            service,
            UserReport,
            options.UserReportSeverity,
            AlarmStatus.Raised,
            Summary(mail.Subject, mail),
            labels,
            details,
            ObservedAt(mail, now),
            now);
    }

    private Dictionary<string, string> Details(ParsedMail mail)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["subject"] = mail.Subject,
            ["from"] = mail.From.Name.Length > 0 ? $"{mail.From.Name} <{mail.From.Address}>" : mail.From.Address,
            ["recipients"] = Bound(string.Join(", ", mail.Recipients), 1000),
        };
        if (mail.MessageId is { } id)
        {
            details["message_id"] = id;
        }

        if (mail.InReplyTo is { } inReplyTo)
        {
            details["in_reply_to"] = inReplyTo;
        }

        if (mail.Date is { } date)
        {
            details["date"] = date.ToString("O", CultureInfo.InvariantCulture);
        }

        var excerpt = mail.Text.Length > options.MaxExcerptChars ? mail.Text[..options.MaxExcerptChars] : mail.Text;
        details["excerpt"] = excerpt;
        if (excerpt.Length < mail.Text.Length || mail.TextTruncated)
        {
            details["excerpt_truncated"] = "true";
        }

        if (mail.Attachments.Count > 0)
        {
            // Attachments are never opened: people see that there were some, and find them in the mail.
            details["attachments"] = string.Join("; ", mail.Attachments.Select(a => $"{a.Name} ({a.ContentType}, {a.EncodedBytes} bytes encoded)"));
            details["attachment_count"] = mail.Attachments.Count.ToString(CultureInfo.InvariantCulture);
        }

        return details;
    }

    /// <summary>The Message-ID, else a hash of the exact bytes: the same mail seen again has the same key.</summary>
    public static string IdempotencyKey(ParsedMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        return mail.MessageId is { } id ? "mail:" + id : "mail-sha256:" + mail.ContentHash;
    }

    private static string? Field(ParsedMail mail, string name) => name.ToUpperInvariant() switch
    {
        "FROM" => mail.From.Address,
        "FROMNAME" => mail.From.Name,
        "FROMDOMAIN" => mail.From.Domain,
        "SUBJECT" => mail.Subject,
        "MESSAGEID" => mail.MessageId,
        _ => null,
    };

    private static string Summary(string summary, ParsedMail mail)
    {
        if (summary.Length == 0)
        {
            summary = mail.Subject.Length > 0 ? mail.Subject : mail.Text.Split('\n', 2)[0];
        }

        return summary.Length == 0 ? "(mail with no subject and no text)" : Bound(summary, MaxSummaryChars);
    }

    private static DateTimeOffset ObservedAt(ParsedMail mail, DateTimeOffset now) =>
        mail.Date is { } date && date <= now + MaxClockSkew && date >= now - MaxDelivery ? date.ToUniversalTime() : now;

    /// <summary>An alarm type as the pipeline writes them: lower case, words joined by '_'.</summary>
    private static string Slug(string text)
    {
        var slug = new StringBuilder(Math.Min(text.Length, 100));
        foreach (var c in text.Trim())
        {
            if (slug.Length == 100)
            {
                break;
            }

            slug.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? char.ToLowerInvariant(c) : '_');
        }

        return slug.ToString().Trim('_');
    }

    private static string? Optional(string text) => text.Length == 0 ? null : Bound(text, MaxResourceChars);

    private static string Bound(string text, int max) => text.Length > max ? text[..max] : text;
}
