using System.Runtime.InteropServices;
using Correlation.Load;

if (args.Length == 1 && args[0] is "--help" or "-h")
{
    Console.WriteLine(HarnessOptions.Usage);
    return 0;
}

var options = HarnessOptions.Parse(args, out var error);
if (options is null)
{
    await Console.Error.WriteLineAsync($"Correlation.Load: {error}\n\n{HarnessOptions.Usage}");
    return 2;
}

// Ctrl+C or a stop: the run ends where it is, and every process it started is stopped and its keys deleted.
using var interrupted = new CancellationTokenSource();
void Interrupt(PosixSignalContext context)
{
    context.Cancel = true;
    interrupted.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
await using var harness = new Harness(options);
try
{
    return await harness.RunAsync(interrupted.Token);
}
catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
{
    harness.Say("interrupted: everything started is being stopped");
    return 130;
}
catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException or HttpRequestException or RabbitMQ.Client.Exceptions.BrokerUnreachableException)
{
    harness.Say($"failed: {ex.Message}");
    return 1;
}
