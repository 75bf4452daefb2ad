using Correlation.Contracts;

namespace Correlation.Ingest.Chat;

/// <summary>Chat ingest's log messages. Secrets, tokens and signatures never appear in them; report text neither (it is on the alarm).</summary>
internal static partial class ChatLog
{
    [LoggerMessage(1, LogLevel.Debug, "Refused a request to {Source} from {Remote}: {Reason}")]
    public static partial void Refused(ILogger logger, string source, string reason, System.Net.IPAddress? remote);

    [LoggerMessage(2, LogLevel.Information, "Chat report from {Source} published as alarm {AlarmId} (site {Site}, service {Service}, {Severity})")]
    public static partial void Published(ILogger logger, string source, Guid alarmId, string? site, string? service, AlarmSeverity severity);

    [LoggerMessage(3, LogLevel.Debug, "A repeated delivery of {IdempotencyKey} from {Source} was not published again (alarm {AlarmId})")]
    public static partial void Repeated(ILogger logger, string source, string idempotencyKey, Guid alarmId);

    [LoggerMessage(4, LogLevel.Warning, "The broker did not confirm a chat report from {Source} within {Deadline}; the sender is told to retry")]
    public static partial void PublishTooSlow(ILogger logger, string source, TimeSpan deadline);
}
