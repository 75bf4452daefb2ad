using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Correlation.Ingest.Mail;

/// <summary>
/// The mail ingest's activity source and meter. What came in, was refused and reached the broker is
/// counted by <see cref="IngestTelemetry"/> (source "smtp" or "imap"); this adds what only mail has:
/// SMTP sessions, how mails were read (by rule or as a person's report) and IMAP polls.
/// </summary>
public sealed class MailTelemetry : IDisposable
{
    public const string Name = "Correlation.Ingest.Mail";

    private readonly Meter _meter;
    private readonly Counter<long> _sessions;
    private readonly Counter<long> _mapped;
    private readonly Counter<long> _polls;

    public MailTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(Name);
        _sessions = _meter.CreateCounter<long>("correlation.ingest.mail.smtp.sessions", "{session}", "SMTP connections, by result (served, busy).");
        _mapped = _meter.CreateCounter<long>("correlation.ingest.mail.mapped", "{mail}", "Mails turned into alarms, by rule (user_report: no rule took it).");
        _polls = _meter.CreateCounter<long>("correlation.ingest.mail.imap.polls", "{poll}", "IMAP polls, by result (ok, failed).");
    }

    public ActivitySource Activities { get; } = new(Name);

    public void Session(string result) => _sessions.Add(1, new KeyValuePair<string, object?>("result", result));

    public void Mapped(string source, string rule) =>
        _mapped.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("rule", rule));

    public void Poll(string result) => _polls.Add(1, new KeyValuePair<string, object?>("result", result));

    public void Dispose()
    {
        Activities.Dispose();
        _meter.Dispose();
    }
}
