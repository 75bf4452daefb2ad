using System.Diagnostics;
using Correlation.Contracts;
using Correlation.Ingest.Mail.Mapping;
using Correlation.Ingest.Mail.Parsing;

namespace Correlation.Ingest.Mail.Ingesting;

/// <summary>
/// One mail, from raw bytes to a confirmed alarm: parse, map, publish. Shared by the SMTP receiver and
/// the IMAP poller, so both read mail the same way. Nothing a mail holds makes this throw: a bug on one
/// mail is counted as "internal_error" and the mail refused, and the receiver goes on.
/// </summary>
public sealed partial class MailIngestor(
    MailAlarmMapper mapper,
    IMailAlarmSink sink,
    IngestTelemetry ingest,
    MailTelemetry telemetry,
    RejectLog rejectLog,
    ILogger<MailIngestor> logger)
{
    public async Task<MailOutcome> IngestAsync(ArraySegment<byte> raw, MailEnvelope envelope, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        using var activity = telemetry.Activities.StartActivity("mail.ingest");
        activity?.SetTag("mail.source", source);
        ingest.Received(source, 1);
        MailParseResult parsed;
        Alarm alarm;
        try
        {
            parsed = MailParser.Parse(raw, envelope);
            if (parsed.Mail is null)
            {
                return Reject(source, parsed.Reason!, parsed.Problem!, envelope.Sender);
            }

            (alarm, var rule) = mapper.Map(parsed.Mail);
            activity?.SetTag("mail.rule", rule ?? MailAlarmMapper.UserReport);
            activity?.SetTag("alarm.id", alarm.Id);
            telemetry.Mapped(source, rule ?? MailAlarmMapper.UserReport);
        }
        catch (Exception ex)
        {
            // A bug on one mail must not end the receiver: count it, log it, refuse the mail.
            LogFailed(logger, source, ex);
            return Reject(source, MailRejection.InternalError, "the mail could not be processed", envelope.Sender);
        }

        if (!await PublishAsync(alarm, source, cancellationToken))
        {
            activity?.SetStatus(ActivityStatusCode.Error, "not confirmed by the broker");
            return new MailOutcome(MailOutcomeKind.PublishFailed, alarm);
        }

        LogAccepted(logger, source, parsed.Mail.MessageId ?? "(none)", alarm.AlarmType, alarm.Resource, alarm.Status, alarm.Id);
        return new MailOutcome(MailOutcomeKind.Accepted, alarm);
    }

    /// <summary>
    /// A failure to publish is never the mail's fault: whatever the sink throws reads as "not confirmed",
    /// so the mail is offered again (451, left in the mailbox) rather than refused.
    /// </summary>
    private async Task<bool> PublishAsync(Alarm alarm, string source, CancellationToken cancellationToken)
    {
        try
        {
            return await sink.PublishAsync(alarm, source, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogPublishThrew(logger, source, ex);
            return false;
        }
    }

    /// <summary>Counts and logs a refusal decided before the mail reached the parser (too large, say).</summary>
    public MailOutcome Reject(string source, string reason, string problem, string sender)
    {
        ingest.Rejected(source, reason);
        rejectLog.Report(source, reason, problem, sender);
        Activity.Current?.SetStatus(ActivityStatusCode.Error, reason);
        return new MailOutcome(MailOutcomeKind.Rejected, null, reason, problem);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Source}: mail {MessageId} became {AlarmType} on {Resource} ({Status}), alarm {AlarmId}")]
    private static partial void LogAccepted(ILogger logger, string source, string messageId, string alarmType, string resource, AlarmStatus status, Guid alarmId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Source}: publishing a mail's alarm failed; the mail will be offered again")]
    private static partial void LogPublishThrew(ILogger logger, string source, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Source}: failed on a mail; it is refused and the receiver goes on")]
    private static partial void LogFailed(ILogger logger, string source, Exception exception);
}
