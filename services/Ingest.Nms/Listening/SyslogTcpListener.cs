using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Correlation.Ingest.Nms.Syslog;

namespace Correlation.Ingest.Nms.Listening;

/// <summary>
/// Syslog over TCP (RFC 6587, both framings). Connections are bounded in number and closed when idle; a
/// connection whose framing is lost is closed, and nothing a client does stops the listener.
/// </summary>
public sealed partial class SyslogTcpListener(ListenerContext context, SyslogOptions options, SyslogHandler handler, ILogger logger)
    : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private Socket? _socket;
    private Task _accept = Task.CompletedTask;
    private int _open;

    public IPEndPoint Bind(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _socket.Bind(endpoint);
        _socket.Listen(512);
        return (IPEndPoint)_socket.LocalEndPoint!;
    }

    public void Start() => _accept = Task.Run(AcceptLoopAsync);

    private async Task AcceptLoopAsync()
    {
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
                LogAcceptFailed(logger, context.Name, ex.SocketErrorCode, ex);
                continue;
            }

            if (client.RemoteEndPoint is IPEndPoint remote && !handler.Allowed.Allows(remote.Address))
            {
                // Refused before anything is read: a sender that may not send holds no connection slot.
                context.Received();
                context.Reject(SyslogRejection.SourceNotAllowed, remote);
                client.Dispose();
                continue;
            }

            if (Interlocked.Increment(ref _open) > options.MaxConnections)
            {
                Interlocked.Decrement(ref _open);
                context.Received();
                context.Reject(SyslogRejection.TooManyConnections, client.RemoteEndPoint);
                client.Dispose();
                continue;
            }

            var connection = Task.Run(() => ServeAsync(client));
            _connections[connection] = true;
            _ = connection.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        var sender = (IPEndPoint)client.RemoteEndPoint!;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        await using var stream = new NetworkStream(client, ownsSocket: true);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024));
        var framer = new Rfc6587Framer(options.MaxMessageBytes);
        try
        {
            while (true)
            {
                idle.CancelAfter(options.IdleTimeout);
                var read = await reader.ReadAsync(idle.Token);
                var buffer = read.Buffer;
                var open = Drain(framer, ref buffer, sender);
                if (open && read.IsCompleted && framer.TryFinish(buffer, out var last))
                {
                    Handle(last, sender);
                    buffer = buffer.Slice(buffer.End);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (!open || read.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
        {
            // Idle, reset by the client, or stopping: the connection ends, the listener goes on.
        }
        finally
        {
            await reader.CompleteAsync();
            Interlocked.Decrement(ref _open);
        }
    }

    /// <returns>False when the framing is lost and the connection must close.</returns>
    private bool Drain(Rfc6587Framer framer, ref ReadOnlySequence<byte> buffer, IPEndPoint sender)
    {
        while (true)
        {
            switch (framer.TryRead(ref buffer, out var frame))
            {
                case FrameStatus.Frame:
                    Handle(frame, sender);
                    break;
                case FrameStatus.Dropped:
                    context.Received();
                    context.Reject(SyslogRejection.TooLong, sender);
                    break;
                case FrameStatus.Broken:
                    context.Received();
                    context.Reject(SyslogRejection.BadFrame, sender);
                    return false;
                default:
                    return true;
            }
        }
    }

    private void Handle(ReadOnlySequence<byte> frame, IPEndPoint sender) =>
        context.Handle(frame.IsSingleSegment ? frame.FirstSpan : frame.ToArray(), sender, (message, from) => handler.Handle(message, from, context));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket?.Dispose();
        await _accept.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Task.WhenAll(_connections.Keys).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Listener}: accept failed ({Error}); still listening")]
    private static partial void LogAcceptFailed(ILogger logger, string listener, SocketError error, Exception exception);
}
