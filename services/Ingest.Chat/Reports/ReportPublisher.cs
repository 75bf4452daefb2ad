using Correlation.Ingest.Publishing;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Chat.Reports;

/// <summary>
/// Publishes a report's alarm once per message, waiting for the broker's confirm at most
/// <see cref="ChatOptions.ReplyDeadline"/> so that the platform hears an answer before it gives up
/// (Slack: three seconds). A confirm that does not come in time is a failure: the sender is told 503 and
/// retries, and a retry of a message that did reach the broker is dropped by its idempotency key.
/// </summary>
internal sealed class ReportPublisher(RecentReports recent, IOptions<ChatOptions> options, IngestTelemetry telemetry, TimeProvider time, ILogger<ReportPublisher> logger)
{
    public async Task<ReportOutcome> PublishAsync(ChatAlarm report, AlarmPublisher publisher)
    {
        ArgumentNullException.ThrowIfNull(report);
        var alarm = report.Alarm;
        var (stored, repeated) = await recent.PublishOnceAsync(alarm, () => PublishInTimeAsync(report, publisher));
        if (stored is null)
        {
            return new ReportOutcome(ReportStatus.Unavailable, alarm, report.Placement);
        }

        if (repeated)
        {
            ChatLog.Repeated(logger, alarm.SourceName, alarm.IdempotencyKey, stored.Id);
            return new ReportOutcome(ReportStatus.Repeated, stored, report.Placement);
        }

        ChatLog.Published(logger, alarm.SourceName, alarm.Id, alarm.Site, alarm.Service, alarm.Severity);
        return new ReportOutcome(ReportStatus.Published, stored, report.Placement);
    }

    private async Task<bool> PublishInTimeAsync(ChatAlarm report, AlarmPublisher publisher)
    {
        var source = report.Alarm.SourceName;
        // Not the request's own token: a delivery that Slack stops waiting for still finishes its publish,
        // which the retry then finds.
        using var deadline = new CancellationTokenSource(options.Value.ReplyDeadline, time);
        try
        {
            return await publisher.PublishAsync([report.Alarm], source, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            telemetry.PublishFailed(source, 1);
            ChatLog.PublishTooSlow(logger, source, options.Value.ReplyDeadline);
            return false;
        }
    }
}
