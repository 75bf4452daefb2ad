namespace Correlation.Correlator.Live;

/// <summary>The window's exclusive lease (<see cref="RedisBatchWindow.ExclusiveAsync"/>), released when disposed.</summary>
public sealed class WindowHold(string token, Func<ValueTask> release) : IAsyncDisposable
{
    public string Token { get; } = token;

    public ValueTask DisposeAsync() => release();
}
