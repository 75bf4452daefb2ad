namespace Correlation.Ingest.Mail.Ingesting;

/// <summary>
/// Logs refused mail at most once per interval per source, with how many more were refused since: a
/// sender spraying garbage must not flood the log. Every refusal is still counted in the metrics.
/// </summary>
public sealed partial class RejectLog(TimeProvider time, ILogger<RejectLog> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, (DateTimeOffset Next, int Suppressed)> _state = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public void Report(string source, string reason, string problem, string sender)
    {
        var now = time.GetUtcNow();
        int suppressed;
        lock (_lock)
        {
            var state = _state.GetValueOrDefault(source);
            if (now < state.Next)
            {
                _state[source] = (state.Next, state.Suppressed + 1);
                return;
            }

            suppressed = state.Suppressed;
            _state[source] = (now + Interval, 0);
        }

        LogRefused(logger, source, sender.Length > 0 ? sender : "<>", reason, problem, suppressed);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source}: refused a mail from {Sender} ({Reason}: {Problem}); {Suppressed} more refused since the last report")]
    private static partial void LogRefused(ILogger logger, string source, string sender, string reason, string problem, int suppressed);
}
