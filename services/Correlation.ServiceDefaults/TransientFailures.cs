using System.Net.Sockets;
using StackExchange.Redis;

namespace Correlation.ServiceDefaults;

/// <summary>
/// Failures that say a server is out of reach for now (Redis restarting or loading its append-only file, the
/// broker's connection gone), as opposed to a failure of the message or the code: the first are worth waiting
/// out with the message held, the second are faulted after a few quick tries.
/// </summary>
public static class TransientFailures
{
    // Redis answers these while it cannot serve yet; any other server error (a script's) is the message's problem.
    private static readonly string[] RedisNotReady = ["LOADING", "BUSY", "READONLY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN"];

    public static bool Is(Exception exception) => exception switch
    {
        null => false,
        RedisServerException server => RedisNotReady.Any(p => server.Message.StartsWith(p, StringComparison.Ordinal)),
        RedisConnectionException or RedisTimeoutException or TimeoutException or SocketException or IOException => true,
        // The broker's client (RabbitMQ.Client is MassTransit's dependency, named here without referencing it):
        // connection and channel failures, including publishes refused while the connection is down.
        _ when exception.GetType().Namespace?.StartsWith("RabbitMQ.Client", StringComparison.Ordinal) == true => true,
        MassTransit.RabbitMqConnectionException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(Is),
        _ => exception.InnerException is { } inner && Is(inner),
    };
}
