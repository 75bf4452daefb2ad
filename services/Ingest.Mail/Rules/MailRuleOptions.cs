namespace Correlation.Ingest.Mail.Rules;

/// <summary>
/// One mapping rule, as configured ("Mail:Rules:N"). A mail is taken by the first rule whose
/// <see cref="From"/> and <see cref="Subject"/> patterns both match (an empty pattern matches anything,
/// but a rule needs at least one). <see cref="Body"/> patterns only add values: each is tried on the
/// body text and its named groups join the others when it matches. Patterns are .NET regular
/// expressions run without backtracking (in linear time) and ignore case.
/// Templates take the patterns' named groups ({host} for "(?&lt;host&gt;...)") and {from} (the
/// sender's address), {fromName}, {fromDomain}, {subject} and {messageId}; "{a|b}" takes the first
/// that has a value.
/// </summary>
public sealed class MailRuleOptions
{
    /// <summary>Names the rule in labels and errors.</summary>
    public string Name { get; set; } = "";

    /// <summary>Matched against the sender's address (From, else the SMTP envelope's MAIL FROM).</summary>
    public string From { get; set; } = "";

    public string Subject { get; set; } = "";

    public List<string> Body { get; set; } = [];

    /// <summary>The alarm's source name (the sending system); empty: the rule's name.</summary>
    public string Source { get; set; } = "";

    public string AlarmType { get; set; } = "";

    /// <summary>
    /// A severity name (Critical, Major, Minor, Warning, Info) or a monitoring tool's word for one
    /// (CRITICAL, DOWN, UNREACHABLE, Disaster, High, Average, UNKNOWN, OK, ...); empty or unknown: Warning.
    /// </summary>
    public string Severity { get; set; } = "";

    /// <summary>When this renders as RECOVERY, Resolved, OK, UP, Clear or Cleared (any case), the mail clears its condition.</summary>
    public string Cleared { get; set; } = "";

    public string Resource { get; set; } = "{host|from}";

    /// <summary>What, on the resource, the condition is about (a service, a trigger); part of the fingerprint.</summary>
    public string Instance { get; set; } = "";

    public string Site { get; set; } = "";

    public string Service { get; set; } = "";

    public string Summary { get; set; } = "{subject}";
}
