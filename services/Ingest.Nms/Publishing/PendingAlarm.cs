using Correlation.Contracts;

namespace Correlation.Ingest.Nms.Publishing;

/// <summary>An alarm waiting for its batch, the listener it came through, and who waits for the broker's confirm.</summary>
public sealed record PendingAlarm(Alarm Alarm, string Listener, TaskCompletionSource? Confirmed = null);
