using System.ComponentModel.DataAnnotations;
using Correlation.Contracts;
using Correlation.Ingest.Mail.Rules;
using MailKit.Security;

namespace Correlation.Ingest.Mail;

/// <summary>Alert mail: the SMTP receiver, the IMAP poller and the rules. Bound from the "Mail" configuration section.</summary>
public sealed class MailOptions
{
    public const string SectionName = "Mail";

    public SmtpOptions Smtp { get; set; } = new();

    public ImapOptions Imap { get; set; } = new();

    /// <summary>Tried in order before the built-in rules (Nagios, Icinga, Zabbix).</summary>
    public List<MailRuleOptions> Rules { get; set; } = [];

    public bool BuiltInRules { get; set; } = true;

    /// <summary>
    /// Characters of body text kept in an alarm's details. An alarm is a pointer for people, not an
    /// archive: the whole mail stays with the sender or in the mailbox.
    /// </summary>
    [Range(0, 64 * 1024)]
    public int MaxExcerptChars { get; set; } = 2000;

    /// <summary>Severity of a mail no rule takes (a person's report): low, since nothing measured it.</summary>
    public AlarmSeverity UserReportSeverity { get; set; } = AlarmSeverity.Warning;
}

/// <summary>The SMTP receiver ("Mail:Smtp").</summary>
public sealed class SmtpOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Loopback unless monitoring tools on other hosts send here directly.</summary>
    [Required]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 25 needs privileges. 0: any free port (tests read the bound one from <see cref="Smtp.SmtpEndpoint"/>).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 2525;

    /// <summary>The name the server gives itself in its greeting and EHLO answer.</summary>
    [Required]
    public string HostName { get; set; } = "correlation-mail";

    /// <summary>Advertised as SIZE; a larger message is refused with 552.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Further connections are answered 421 and closed, and the sender tries later.</summary>
    [Range(1, 10_000)]
    public int MaxConnections { get; set; } = 64;

    [Range(1, 1000)]
    public int MaxRecipients { get; set; } = 100;

    /// <summary>
    /// Domains RCPT TO may name (subdomains included, any case). Empty: any domain, which only suits a
    /// receiver on loopback or behind the site's own mail relay.
    /// </summary>
    public List<string> AllowedRecipientDomains { get; set; } = [];

    /// <summary>
    /// Networks (CIDR or address) whose clients may connect: the monitoring hosts or the site's mail relay. SMTP as
    /// received here carries no credential, so the client's network is the check beside the recipient domains.
    /// Empty: this machine only (loopback). Others are answered 554 and disconnected.
    /// </summary>
    public List<string> AllowedClientNetworks { get; set; } = [];

    /// <summary>How long the server waits for the next command (RFC 5321 asks at least 5 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the server waits for more message text during DATA (RFC 5321: 3 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan DataTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Bad commands after which a session is closed with 421: a client speaking garbage goes away.</summary>
    [Range(1, 1000)]
    public int MaxBadCommands { get; set; } = 10;
}

/// <summary>The IMAP poller for a shared mailbox ("Mail:Imap"); off unless <see cref="Host"/> is set.</summary>
public sealed class ImapOptions
{
    public string Host { get; set; } = "";

    /// <summary>0: the usual port for <see cref="Security"/> (993 with TLS on connect, else 143).</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    /// <summary>Auto, None, SslOnConnect, StartTls or StartTlsWhenAvailable (MailKit's names).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    public string Folder { get; set; } = "INBOX";

    /// <summary>
    /// Where a processed message is moved; empty: it stays and is flagged \Seen. With a folder, every
    /// message left in <see cref="Folder"/> is still to do, even one a person has read meanwhile.
    /// </summary>
    public string MoveTo { get; set; } = "";

    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Messages taken per poll; the rest wait for the next one, which comes at once.</summary>
    [Range(1, 10_000)]
    public int MaxMessagesPerPoll { get; set; } = 100;

    /// <summary>A message larger than this is not fetched: it is counted as rejected and marked done.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Each IMAP command's time limit.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The wait after a failed poll (server down, login refused) grows to this.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
