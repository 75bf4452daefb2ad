using Correlation.Contracts;
using Correlation.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Publishing;

/// <summary>
/// Publishes accepted alarms and returns only once the broker has confirmed every one of them, so
/// that a sender is never told "accepted" for an alarm the broker does not hold. The alarms go as few
/// <see cref="AlarmsReceived"/> messages (at most <see cref="AlarmsPerMessage"/> alarms each): the
/// broker's cost is per message, not per alarm.
/// </summary>
public sealed partial class AlarmPublisher(
    IPublishEndpoint publishEndpoint,
    IOptions<RabbitMqOptions> options,
    IngestTelemetry telemetry,
    ILogger<AlarmPublisher> logger)
{
    /// <summary>Keeps a message well under the broker's frame and memory comfort (about 0.5-1 KB an alarm).</summary>
    public const int AlarmsPerMessage = 500;

    /// <returns>True when the broker confirmed every alarm within the publish timeout.</returns>
    public async Task<bool> PublishAsync(IReadOnlyList<Alarm> alarms, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        try
        {
            await publishEndpoint.PublishBatch(Messages(alarms), timeout.Token);

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

    /// <summary>The alarms as messages of at most <see cref="AlarmsPerMessage"/> alarms, in their order.</summary>
    public static IEnumerable<AlarmsReceived> Messages(IReadOnlyList<Alarm> alarms)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        if (alarms.Count <= AlarmsPerMessage)
        {
            return [new AlarmsReceived(alarms)];
        }

        return alarms.Chunk(AlarmsPerMessage).Select(chunk => new AlarmsReceived(chunk));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The broker did not confirm {Count} alarm(s) from {Source}; the sender is told to retry")]
    private static partial void LogPublishFailed(ILogger logger, int count, string source, Exception exception);
}
