using System.Net;
using System.Net.Sockets;

namespace Correlation.Ingest.Nms.Listening;

/// <summary>Handles one datagram; <paramref name="socket"/> is there to answer (an inform's response).</summary>
public delegate void DatagramHandler(ReadOnlySpan<byte> datagram, IPEndPoint sender, Socket socket);

/// <summary>
/// Receives datagrams on one UDP socket and hands each to its handler. Nothing a sender does stops it:
/// oversized datagrams are dropped, socket errors and handler failures are counted and logged.
/// </summary>
public sealed partial class UdpListener(ListenerContext context, int maxDatagramBytes, DatagramHandler handler, ILogger logger) : IAsyncDisposable
{
    private const int ReceiveBufferBytes = 4 * 1024 * 1024;
    private readonly CancellationTokenSource _stop = new();
    private Socket? _socket;
    private Task _loop = Task.CompletedTask;

    public IPEndPoint Bind(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = ReceiveBufferBytes };
        _socket.Bind(endpoint);
        return (IPEndPoint)_socket.LocalEndPoint!;
    }

    public void Start() => _loop = Task.Run(ReceiveLoopAsync);

    private async Task ReceiveLoopAsync()
    {
        var socket = _socket!;
        // A datagram one byte over the limit must be seen as over it, not cut to fit.
        var buffer = GC.AllocateUninitializedArray<byte>(Math.Max(maxDatagramBytes + 1, 65536), pinned: true);
        MessageHandler handle = (datagram, sender) => handler(datagram, sender, socket);
        EndPoint any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException && _stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex)
            {
                LogSocketError(logger, context.Name, ex.SocketErrorCode, ex);
                continue;
            }

            var sender = (IPEndPoint)received.RemoteEndPoint;
            if (received.ReceivedBytes > maxDatagramBytes)
            {
                context.Received();
                context.Reject(Snmp.TrapRejection.Oversized, sender);
                continue;
            }

            context.Handle(buffer.AsSpan(0, received.ReceivedBytes), sender, handle);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket?.Dispose();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Listener}: socket error {Error}; still listening")]
    private static partial void LogSocketError(ILogger logger, string listener, SocketError error, Exception exception);
}
