namespace Correlation.Testing;

/// <summary>Waits for an asynchronous pipeline to reach a state, with a bounded wait.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + timeout;
        T last;
        while (true)
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                NUnit.Framework.Assert.Fail($"Timed out after {timeout.TotalSeconds:F0}s waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }
}
