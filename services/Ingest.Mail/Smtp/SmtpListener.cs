using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Correlation.Ingest.Admission;
using Correlation.Ingest.Mail.Ingesting;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Mail.Smtp;

/// <summary>
/// Accepts SMTP connections and runs a <see cref="SmtpSession"/> for each, at most
/// Mail:Smtp:MaxConnections at once (the rest are told 421, try later). It stops while the host is
/// stopping, before the bus does, so a message being confirmed still gets its answer; a session cut
/// off before its 250 leaves the message with the sender, who sends it again.
/// </summary>
public sealed partial class SmtpListener(
    IOptions<MailOptions> options,
    SmtpEndpoint endpoint,
    MailIngestor ingestor,
    MailTelemetry telemetry,
    IngestTelemetry ingest,
    ILogger<SmtpListener> logger) : IHostedLifecycleService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Task, bool> _sessions = new();
    private Socket? _socket;
    private Task _accept = Task.CompletedTask;
    private int _open;

    private SmtpOptions Smtp => options.Value.Smtp;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Smtp.Enabled)
        {
            return Task.CompletedTask;
        }

        var address = new IPEndPoint(IPAddress.Parse(Smtp.Address), Smtp.Port);
        try
        {
            _socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            _socket.Bind(address);
            _socket.Listen(128);
        }
        catch (SocketException ex)
        {
            _socket?.Dispose();
            throw new InvalidOperationException($"smtp: cannot listen on {address} ({ex.SocketErrorCode}); change Mail:Smtp:Port or Mail:Smtp:Address", ex);
        }

        var bound = (IPEndPoint)_socket.LocalEndPoint!;
        endpoint.Set(bound);
        LogListening(logger, bound);
        _accept = Task.Run(AcceptLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task AcceptLoopAsync()
    {
        var policy = new RecipientPolicy(Smtp.AllowedRecipientDomains);
        var clients = SenderNetworks.Parse(Smtp.AllowedClientNetworks, out _) ?? SenderNetworks.LoopbackOnly;
        if (clients.IsLoopbackOnly && !SenderNetworks.IsLoopbackBinding(Smtp.Address))
        {
            LogLoopbackOnly(logger, Smtp.Address);
        }

        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket!.AcceptAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException && _stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex)
            {
                LogAcceptFailed(logger, ex.SocketErrorCode, ex);
                continue;
            }

            if (client.RemoteEndPoint is not IPEndPoint remote || !clients.Allows(remote.Address))
            {
                telemetry.Session("refused");
                ingest.Rejected(SmtpSession.Source, "client_not_allowed");
                _ = RefuseAsync(client);
                continue;
            }

            var busy = Interlocked.Increment(ref _open) > Smtp.MaxConnections;
            telemetry.Session(busy ? "busy" : "served");
            var session = Task.Run(() => ServeAsync(client, policy, busy), CancellationToken.None);
            _sessions[session] = true;
            _ = session.ContinueWith(t => _sessions.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    /// <summary>RFC 5321 lets a server refuse a client in its greeting with 554; nothing the client sends is read.</summary>
    private static async Task RefuseAsync(Socket client)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.SendAsync("554 5.7.1 Connections from your address are not accepted here\r\n"u8.ToArray(), SocketFlags.None, timeout.Token);
            client.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away first: nothing to tell it.
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task ServeAsync(Socket client, RecipientPolicy policy, bool busy)
    {
        var remote = (IPEndPoint)client.RemoteEndPoint!;
        var stream = new NetworkStream(client, ownsSocket: true);
        var connection = new SmtpConnection(stream);
        try
        {
            if (busy)
            {
                await connection.ReplyAsync("421 4.3.2 Too many connections; try again later");
                return;
            }

            await new SmtpSession(connection, remote, Smtp, policy, ingestor, logger).RunAsync(_stop.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Reset by the client, or stopping: this session ends, the listener goes on.
        }
        catch (Exception ex)
        {
            // A bug in one session must not end the listener.
            LogSessionFailed(logger, remote, ex);
        }
        finally
        {
            await connection.CompleteAsync();
            await stream.DisposeAsync();
            Interlocked.Decrement(ref _open);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        _socket?.Dispose();
        await _accept.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Task.WhenAll(_sessions.Keys).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "smtp listening on {Endpoint}")]
    private static partial void LogListening(ILogger logger, IPEndPoint endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "smtp listens on {Address}, but Mail:Smtp:AllowedClientNetworks is empty: only clients on this machine are served. Name the relay's or the monitoring hosts' networks there.")]
    private static partial void LogLoopbackOnly(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "smtp: accept failed ({Error}); still listening")]
    private static partial void LogAcceptFailed(ILogger logger, SocketError error, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "smtp: the session with {Remote} failed; still listening")]
    private static partial void LogSessionFailed(ILogger logger, IPEndPoint remote, Exception exception);
}
