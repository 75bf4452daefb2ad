namespace Correlation.Ingest.Nms.Listening;

/// <summary>
/// Logs dropped input at most once per interval per listener, with how many more were dropped since:
/// a sender spraying garbage must not flood the log. Every drop is still counted in the metrics.
/// </summary>
public sealed partial class RejectLog(TimeSpan interval, TimeProvider time, ILogger<RejectLog> logger)
{
    private readonly Dictionary<string, (DateTimeOffset Next, int Suppressed)> _state = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public void Report(string listener, string reason, object? sender)
    {
        var now = time.GetUtcNow();
        int suppressed;
        lock (_lock)
        {
            var state = _state.GetValueOrDefault(listener);
            if (now < state.Next)
            {
                _state[listener] = (state.Next, state.Suppressed + 1);
                return;
            }

            suppressed = state.Suppressed;
            _state[listener] = (now + interval, 0);
        }

        LogDropped(logger, listener, sender?.ToString() ?? "?", reason, suppressed);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Listener}: dropped input from {Sender} ({Reason}); {Suppressed} more dropped since the last report")]
    private static partial void LogDropped(ILogger logger, string listener, string sender, string reason, int suppressed);
}
