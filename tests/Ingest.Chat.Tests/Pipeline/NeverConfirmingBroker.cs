using System.Reflection;
using MassTransit;

namespace Correlation.Ingest.Chat.Tests.Pipeline;

/// <summary>
/// A publish endpoint whose publishes never complete, as when the broker stops confirming: each one waits until
/// its cancellation token fires. Counts the publishes started.
/// </summary>
public class NeverConfirmingBroker : DispatchProxy
{
    private int _publishes;

    public int Publishes => Volatile.Read(ref _publishes);

    public static (IPublishEndpoint Endpoint, NeverConfirmingBroker Broker) Create()
    {
        var endpoint = Create<IPublishEndpoint, NeverConfirmingBroker>();
        return (endpoint, (NeverConfirmingBroker)(object)endpoint);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod?.ReturnType != typeof(Task))
        {
            throw new NotSupportedException($"{targetMethod?.Name} is not used by ingest.");
        }

        Interlocked.Increment(ref _publishes);
        var token = args?.OfType<CancellationToken>().FirstOrDefault() ?? CancellationToken.None;
        return Task.Delay(Timeout.Infinite, token);
    }
}
