using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Correlation.Testing;

/// <summary>
/// A redis-server of a test's own, for tests that kill or restart Redis (the shared one on deploy/infra.env's
/// port serves other test assemblies at the same time and is never touched). It listens on a free port on
/// 127.0.0.1, keeps its data in a temporary folder across <see cref="KillAsync"/> and <see cref="StartAsync"/>,
/// and persists as deploy/infra.sh's Redis does (append-only file, fsync every second) unless told otherwise,
/// so a test can measure what a restart with and without it keeps. Disposing kills it and removes the folder.
/// </summary>
public sealed class PrivateRedis : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _root;
    private Process? _process;

    private PrivateRedis(string root, int port, bool appendOnly)
    {
        _root = root;
        Port = port;
        AppendOnly = appendOnly;
    }

    public int Port { get; }

    /// <summary>Whether the server keeps an append-only file (appendfsync everysec); without it, nothing survives a kill.</summary>
    public bool AppendOnly { get; }

    /// <summary>A StackExchange.Redis configuration string for the services.</summary>
    public string Configuration => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<PrivateRedis> StartNewAsync(bool appendOnly = true)
    {
        var root = Path.Combine(Path.GetTempPath(), $"corr-redis-{Guid.NewGuid().ToString("N")[..10]}");
        Directory.CreateDirectory(root);
        var redis = new PrivateRedis(root, FreePort(), appendOnly);
        try
        {
            await redis.StartAsync();
            return redis;
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server (again) on the same port and folder, and waits until it answers PING (after loading its data).</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        // No RDB snapshots: what survives a kill is the append-only file or nothing, so each mode is measured as it is.
        string[] arguments =
        [
            "--bind", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--dir", _root,
            "--daemonize", "no", "--protected-mode", "yes", "--save", "",
            "--appendonly", AppendOnly ? "yes" : "no", "--appendfsync", "everysec",
            "--logfile", Path.Combine(_root, "redis.log"),
        ];
        var start = new ProcessStartInfo("redis-server", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        _ = _process.StandardOutput.ReadToEndAsync();
        _ = _process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            if (await PingsAsync())
            {
                return;
            }

            await Task.Delay(100);
        }

        NUnit.Framework.Assert.Fail($"The private Redis on 127.0.0.1:{Port} did not answer within {StartTimeout.TotalSeconds:F0}s. Log:\n{Log()}");
    }

    /// <summary>SIGKILL, as a crash or the kernel's OOM killer would: no shutdown save, no goodbye to clients.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>DBSIZE: how many keys the server holds now.</summary>
    public async Task<long> KeyCountAsync()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(Configuration);
        return await connection.GetServers()[0].DatabaseSizeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // The system cleans its temporary folder.
        }
    }

    private async Task<bool> PingsAsync()
    {
        try
        {
            var options = ConfigurationOptions.Parse(Configuration);
            options.ConnectTimeout = 1000;
            options.AbortOnConnectFail = true;
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
            await connection.GetDatabase().PingAsync();
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or SocketException)
        {
            // Not listening yet, or still loading its append-only file (LOADING).
            return false;
        }
    }

    private string Log()
    {
        var log = Path.Combine(_root, "redis.log");
        return File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(30)) : "(no log)";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
