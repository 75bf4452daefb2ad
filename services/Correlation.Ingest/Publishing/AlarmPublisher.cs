using Correlation.Contracts;
using Correlation.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Publishing;

/// <summary>
/// Publishes accepted alarms and returns only once the broker has confirmed every one of them, so
/// that a sender is never told "accepted" for an alarm the broker does not hold.
/// </summary>
public sealed partial class AlarmPublisher(
    IPublishEndpoint publishEndpoint,
    IOptions<RabbitMqOptions> options,
    IngestTelemetry telemetry,
    ILogger<AlarmPublisher> logger)
{
    /// <returns>True when the broker confirmed every alarm within the publish timeout.</returns>
    public async Task<bool> PublishAsync(IReadOnlyList<Alarm> alarms, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        try
        {
            await publishEndpoint.PublishBatch(alarms.Select(a => new AlarmReceived(a)), timeout.Token);

            telemetry.Published(source, alarms.Count);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            telemetry.PublishFailed(source, alarms.Count);
            LogPublishFailed(logger, alarms.Count, source, ex);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The broker did not confirm {Count} alarm(s) from {Source}; the sender is told to retry")]
    private static partial void LogPublishFailed(ILogger logger, int count, string source, Exception exception);
}
