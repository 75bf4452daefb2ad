using System.Net;
using Correlation.Contracts;
using Correlation.Ingest.Admission;
using Correlation.Ingest.Nms.Publishing;

namespace Correlation.Ingest.Nms.Listening;

/// <summary>Handles one message (a datagram, a frame, a line) from <paramref name="sender"/>.</summary>
public delegate void MessageHandler(ReadOnlySpan<byte> message, IPEndPoint sender);

/// <summary>What a listener reports through and hands its alarms to: its counters, the reject log, the batcher.</summary>
public sealed partial class ListenerContext(string name, NmsTelemetry telemetry, RejectLog rejectLog, AlarmBatcher batcher, ILogger logger,
    SenderRateLimiter<IPAddress>? perSender = null)
{
    public const string BacklogFull = "backlog_full";
    public const string InternalError = "internal_error";
    public const string RateLimited = "rate_limited";

    public string Name { get; } = name;

    public void Received() => telemetry.Received(Name);

    public void Decoded() => telemetry.Decoded(Name);

    public void Ignored() => telemetry.Ignored(Name);

    public void Reject(string reason, object? sender)
    {
        telemetry.Rejected(Name, reason);
        rejectLog.Report(Name, reason, sender);
    }

    /// <returns>False when the publish queue is full: the alarm is dropped and counted.</returns>
    public bool Offer(Alarm alarm, TaskCompletionSource? confirmed = null, object? sender = null)
    {
        telemetry.Offered(Name);
        if (batcher.TryEnqueue(new PendingAlarm(alarm, Name, confirmed)))
        {
            return true;
        }

        Reject(BacklogFull, sender);
        return false;
    }

    /// <summary>Counts a message and hands it on; a failure on it is counted and logged, never thrown to the listener.</summary>
    public void Handle(ReadOnlySpan<byte> message, IPEndPoint sender, MessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Received();
        if (perSender is not null && !perSender.TryTake(sender.Address, out _))
        {
            Reject(RateLimited, sender);
            return;
        }

        try
        {
            handler(message, sender);
        }
        catch (Exception ex)
        {
            // A bug on one message must not end the listener: count it, log it, take the next.
            Reject(InternalError, sender);
            LogHandlerFailed(logger, Name, sender, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Listener}: failed on a message from {Sender}; still listening")]
    private static partial void LogHandlerFailed(ILogger logger, string listener, IPEndPoint sender, Exception exception);
}
