namespace Correlation.Console.Projection;

/// <summary>
/// Wakes the event-stream connections of this process when the projection appends an event, so they
/// read the Redis stream at once instead of waiting for their next poll.
/// </summary>
public sealed class IncidentEventSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Pulse() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Completes at the next pulse or after <paramref name="timeout"/>, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await Volatile.Read(ref _next).Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // A quiet period; the caller polls the stream anyway, in case another process appended.
        }
    }
}
