using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Correlation.Testing;

namespace Correlation.Faults.Tests;

/// <summary>
/// One of the pipeline's services in a process of its own, run from its built dll (services/&lt;name&gt;/bin/...),
/// as a deployment runs it: settings as environment variables, bound to 127.0.0.1 on a port of its own. It can be
/// killed with SIGKILL and started again on the same port and settings. Its output is kept (the last lines) to
/// explain a failure to start.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private readonly string _dll;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly Queue<string> _output = new();
    private Process? _process;

    private ServiceProcess(string name, int? instance, string dll, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        Instance = instance;
        _dll = dll;
        _settings = settings;
        Port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}");
    }

    /// <summary>The project's name: Ingest.Feeds, Correlator, Triage, Router.</summary>
    public string Name { get; }

    /// <summary>Which of several instances of the service this is (1, 2, ...); null when it runs alone.</summary>
    public int? Instance { get; }

    /// <summary>The name, with the instance's number when there are several: Correlator, Correlator #2.</summary>
    public string Label => Instance is { } n ? $"{Name} #{n}" : Name;

    public int Port { get; }

    public Uri BaseAddress { get; }

    public int Starts { get; private set; }

    public static ServiceProcess Create(string name, IReadOnlyDictionary<string, string> settings, int? instance = null)
    {
        // Tests run from tests/<project>/bin/<configuration>/<tfm>/; every service was built alongside.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(TestServers.RepositoryRoot(), "services", name, "bin", configuration, "net10.0", name + ".dll");
        return File.Exists(dll)
            ? new ServiceProcess(name, instance, dll, settings)
            : throw new FileNotFoundException($"{name} is not built at {dll}; build the solution first.", dll);
    }

    /// <summary>Starts the process and waits until /health/ready answers 200 (Redis and the bus connected).</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet", [_dll])
        {
            WorkingDirectory = Path.GetDirectoryName(_dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in _settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Label} did not start");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Starts++;

        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        var exited = process.HasExited ? $"exited with {process.ExitCode}" : $"not ready within {ReadyTimeout.TotalSeconds:F0}s";
        await KillAsync();
        throw new InvalidOperationException($"{Label} {exited}:\n{Output()}");
    }

    /// <summary>SIGKILL (the whole process tree), as a crash or the OOM killer would: nothing is flushed, nothing is acknowledged.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
            _process = null;
        }
    }

    /// <summary>The process's own counters, from its Prometheus endpoint: what this instance did.</summary>
    public async Task<PrometheusScrape> ScrapeAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        return await PrometheusScrape.ReadAsync(client);
    }

    public string Output()
    {
        lock (_output)
        {
            return string.Join('\n', _output);
        }
    }

    public ValueTask DisposeAsync() => new(KillAsync());

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > 200)
            {
                _output.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public override string ToString() => new StringBuilder(Label).Append(" on ").Append(BaseAddress).ToString();
}
