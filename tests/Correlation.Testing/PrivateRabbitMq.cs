using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RabbitMQ.Client;

namespace Correlation.Testing;

/// <summary>
/// A RabbitMQ node of a test's own, for tests that stop, restart or break the broker (the shared one on
/// deploy/infra.env's port serves other test assemblies at the same time and is never stopped). The node
/// has a unique name (rabbit-t&lt;random&gt;@localhost), free AMQP and distribution ports on 127.0.0.1, and its
/// data, logs and config under a temporary folder; it keeps them across <see cref="StopAsync"/> and
/// <see cref="StartAsync"/>, so durable queues and persistent messages survive a restart as in production.
/// Disposing stops it and removes the folder. Run as root, RabbitMQ's start script switches to the
/// rabbitmq user, which is given the folder, as deploy/infra.sh does.
/// </summary>
public sealed class PrivateRabbitMq : IAsyncDisposable
{
    private const string User = "correlation";
    private const string Password = "correlation";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly string _root;
    private readonly Dictionary<string, string> _environment;

    private PrivateRabbitMq(string root, string node, int port, int distPort)
    {
        _root = root;
        Node = node;
        Port = port;
        _environment = new Dictionary<string, string>
        {
            ["RABBITMQ_NODENAME"] = node,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = distPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(root, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(root, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(root, "enabled_plugins"),
            ["RABBITMQ_FEATURE_FLAGS_FILE"] = Path.Combine(root, "feature_flags"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(root, "rabbitmq.conf"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(root, "rabbitmq.pid"),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            // Distribution on loopback too: only this test's rabbitmqctl talks to the node.
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") + ":/usr/sbin",
        };
    }

    /// <summary>e.g. rabbit-t3f9a0c1d@localhost</summary>
    public string Node { get; }

    public int Port { get; }

    public Uri Url => new($"amqp://{User}:{Password}@127.0.0.1:{Port}/");

    public bool IsRunning { get; private set; }

    /// <summary>Creates the node's folder and starts it; fails the test with the node's log when it does not come up.</summary>
    public static async Task<PrivateRabbitMq> StartNewAsync()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var root = Path.Combine(Path.GetTempPath(), $"corr-rabbit-{id}");
        var broker = new PrivateRabbitMq(root, $"rabbit-t{id}@localhost", FreePort(), FreePort());
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "mnesia"));
            Directory.CreateDirectory(Path.Combine(root, "log"));
            await File.WriteAllTextAsync(Path.Combine(root, "enabled_plugins"), "[].");
            await File.WriteAllTextAsync(Path.Combine(root, "rabbitmq.conf"), $"""
                listeners.tcp.1 = 127.0.0.1:{broker.Port}
                default_user = {User}
                default_pass = {Password}
                default_vhost = /
                default_permissions.configure = .*
                default_permissions.read = .*
                default_permissions.write = .*
                loopback_users = none
                log.file.level = warning

                """);
            if (Environment.UserName == "root" && await RunAsync("id", ["rabbitmq"], null) == 0)
            {
                await RunAsync("chown", ["-R", "rabbitmq:rabbitmq", root], null);
            }

            await broker.StartAsync();
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the node (again) on the same ports and data, and waits until it takes connections.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("setsid", ["rabbitmq-server"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _root,
        };
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("rabbitmq-server did not start");
        // The output is not needed (the node logs to its folder); drain it so the server never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        IsRunning = true;
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await TryConnectAsync())
            {
                return;
            }

            await Task.Delay(250);
        }

        NUnit.Framework.Assert.Fail($"The private RabbitMQ {Node} did not take connections on 127.0.0.1:{Port} within {StartTimeout.TotalSeconds:F0}s. Log:\n{Log()}");
    }

    /// <summary>Stops the node as an operator would (rabbitmqctl stop), and waits until its port is closed.</summary>
    public async Task StopAsync()
    {
        if (!IsRunning)
        {
            return;
        }

        await RunAsync("rabbitmqctl", ["-q", "-n", Node, "stop"], _environment);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (PortOpen() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        if (PortOpen())
        {
            Kill();
        }

        IsRunning = false;
    }

    /// <summary>
    /// SIGKILL to the node's Erlang VM, as a crash would: no orderly stop, no goodbye to clients. Durable queues
    /// and the persistent messages the broker confirmed are on disk; <see cref="StartAsync"/> brings them back.
    /// </summary>
    public async Task KillAsync()
    {
        if (!IsRunning)
        {
            return;
        }

        Kill();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (PortOpen() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        IsRunning = false;
    }

    /// <summary>The node's queues as rabbitmqctl lists them: name, type and declaration arguments, one line each.</summary>
    public async Task<IReadOnlyList<string>> ListQueuesAsync()
    {
        var start = new ProcessStartInfo("rabbitmqctl", ["-q", "-n", Node, "list_queues", "name", "type", "arguments", "--no-table-headers"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await error;
        return [.. (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            Kill();
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a dying process: the temporary folder is cleaned by the system.
            }
        }
    }

    private async Task<bool> TryConnectAsync()
    {
        if (!PortOpen())
        {
            return false;
        }

        try
        {
            var factory = new ConnectionFactory { Uri = Url, RequestedConnectionTimeout = TimeSpan.FromSeconds(2) };
            await using var connection = await factory.CreateConnectionAsync();
            return connection.IsOpen;
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException or IOException or SocketException)
        {
            return false;
        }
    }

    private bool PortOpen()
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(IPAddress.Loopback, Port).Wait(TimeSpan.FromMilliseconds(500)) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
    }

    // The Erlang VM's process id, from the pid file the node writes; killed when a stop did not finish.
    private void Kill()
    {
        var pidFile = _environment["RABBITMQ_PID_FILE"];
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
    }

    private string Log()
    {
        var logs = Directory.Exists(Path.Combine(_root, "log")) ? Directory.GetFiles(Path.Combine(_root, "log")) : [];
        return string.Join('\n', logs.Select(f => string.Join('\n', File.ReadLines(f).TakeLast(30))));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<int> RunAsync(string file, string[] arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await Task.WhenAll(output, error);
        return process.ExitCode;
    }
}
