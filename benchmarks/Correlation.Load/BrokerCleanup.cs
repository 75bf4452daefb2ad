using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Correlation.Load;

/// <summary>
/// Temporary queues go with the host, but the exchanges MassTransit (and the tap) declared stay in the broker:
/// at the end of a session those named with its entity prefix are deleted, found with rabbitmqctl.
/// </summary>
internal static class BrokerCleanup
{
    public static async Task<int> DeleteExchangesAsync(Uri rabbit, string node, string prefix)
    {
        var names = await ListAsync(node, prefix);
        if (names.Count == 0)
        {
            return 0;
        }

        var factory = new ConnectionFactory { Uri = rabbit, ClientProvidedName = "load-harness-cleanup" };
        await using var connection = await factory.CreateConnectionAsync();
        var deleted = 0;
        foreach (var name in names)
        {
            try
            {
                await using var channel = await connection.CreateChannelAsync();
                await channel.ExchangeDeleteAsync(name, ifUnused: false);
                deleted++;
            }
            catch (OperationInterruptedException)
            {
                // gone already
            }
        }

        return deleted;
    }

    private static async Task<List<string>> ListAsync(string node, string prefix)
    {
        try
        {
            var start = new ProcessStartInfo("rabbitmqctl", ["-q", "-n", node, "list_exchanges", "name"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") + ":/usr/sbin";
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode != 0 ? [] :
                [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(e => e.StartsWith(prefix + "-", StringComparison.Ordinal) || e.StartsWith(prefix + ".", StringComparison.Ordinal))];
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return [];
        }
    }
}
