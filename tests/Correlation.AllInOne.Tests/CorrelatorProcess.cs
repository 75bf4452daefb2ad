using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Correlation.Testing;

namespace Correlation.AllInOne.Tests;

/// <summary>
/// A correlator in a process of its own (the built services/Correlator), on the same broker queues and
/// Redis keys as the pipeline host, so that the pipeline runs with several correlators, as a NOC that
/// scales out does. Bound to 127.0.0.1 on a free port; killed at the end.
/// </summary>
internal sealed class CorrelatorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private CorrelatorProcess(Process process) => _process = process;

    public static async Task<CorrelatorProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        // The tests run from tests/Correlation.AllInOne.Tests/bin/<configuration>/<tfm>/; the correlator was built alongside.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(TestServers.RepositoryRoot(), "services", "Correlator", "bin", configuration, "net10.0", "Correlator.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The correlator is not built at {dll}; build the solution first.", dll);
        }

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return new CorrelatorProcess(process);
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        process.Kill(entireProcessTree: true);
        lock (output)
        {
            throw new InvalidOperationException($"The correlator process did not become ready:\n{output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
