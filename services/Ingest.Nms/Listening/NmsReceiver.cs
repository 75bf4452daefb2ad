using System.Net;
using System.Net.Sockets;
using Correlation.Ingest.Admission;
using Correlation.Ingest.Nms.Publishing;
using Correlation.Ingest.Nms.Syslog;
using Correlation.Ingest.Nms.Traps;
using Correlation.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Nms.Listening;

/// <summary>
/// Starts the enabled listeners and the batcher, and stops them in the order that loses nothing: the
/// listeners first, then the batcher drains what they queued. Draining happens while the host is
/// stopping, before any hosted service stops, so the bus is still there to confirm it.
/// </summary>
public sealed partial class NmsReceiver(
    IOptions<NmsOptions> options,
    IOptions<RabbitMqOptions> rabbitMq,
    NmsListeners listeners,
    AlarmBatcher batcher,
    TrapHandler traps,
    CommunityPolicy communities,
    SyslogHandler syslog,
    TimeProvider time,
    NmsTelemetry telemetry,
    RejectLog rejectLog,
    ILogger<NmsReceiver> logger) : IHostedLifecycleService
{
    private readonly List<IAsyncDisposable> _running = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var nms = options.Value;
        var address = IPAddress.Parse(nms.Address);
        if (!IPAddress.IsLoopback(address))
        {
            if (nms.Snmp.Enabled && communities.IsLoopbackOnly)
            {
                LogLoopbackOnly(logger, NmsListeners.SnmpUdp, nms.Address, "Nms:Snmp:Sources");
            }

            if ((nms.Syslog.UdpEnabled || nms.Syslog.TcpEnabled) && syslog.Allowed.IsLoopbackOnly)
            {
                LogLoopbackOnly(logger, "syslog", nms.Address, "Nms:Syslog:AllowedNetworks");
            }
        }

        if (nms.Snmp.Enabled)
        {
            var context = Context(NmsListeners.SnmpUdp);
            var listener = new UdpListener(context, nms.Snmp.MaxDatagramBytes, (datagram, sender, socket) => traps.Handle(datagram, sender, socket, context), logger);
            Start(NmsListeners.SnmpUdp, "Nms:Snmp:Port", new IPEndPoint(address, nms.Snmp.Port), listener.Bind, listener.Start, listener);
        }

        if (nms.Syslog.UdpEnabled)
        {
            var context = Context(NmsListeners.SyslogUdp);
            var listener = new UdpListener(context, nms.Syslog.MaxMessageBytes, (message, sender, _) => syslog.Handle(message, sender, context), logger);
            Start(NmsListeners.SyslogUdp, "Nms:Syslog:UdpPort", new IPEndPoint(address, nms.Syslog.UdpPort), listener.Bind, listener.Start, listener);
        }

        if (nms.Syslog.TcpEnabled)
        {
            var listener = new SyslogTcpListener(Context(NmsListeners.SyslogTcp), nms.Syslog, syslog, logger);
            Start(NmsListeners.SyslogTcp, "Nms:Syslog:TcpPort", new IPEndPoint(address, nms.Syslog.TcpPort), listener.Bind, listener.Start, listener);
        }

        batcher.Start();
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        foreach (var listener in _running)
        {
            await listener.DisposeAsync();
        }

        _running.Clear();
        await batcher.StopAsync(rabbitMq.Value.PublishTimeout);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private ListenerContext Context(string name)
    {
        var nms = options.Value;
        var perSender = nms.MaxMessagesPerSecondPerSender <= 0 ? null
            : new SenderRateLimiter<IPAddress>(nms.MaxMessagesPerSecondPerSender,
                nms.BurstPerSender > 0 ? nms.BurstPerSender : Math.Max(1, (int)Math.Ceiling(nms.MaxMessagesPerSecondPerSender * 2)),
                nms.MaxTrackedSenders, time);
        return new(name, telemetry, rejectLog, batcher, logger, perSender);
    }

    private void Start(string name, string setting, IPEndPoint endpoint, Func<IPEndPoint, IPEndPoint> bind, Action start, IAsyncDisposable listener)
    {
        try
        {
            var bound = bind(endpoint);
            listeners.Bound(name, bound);
            _running.Add(listener);
            start();
            LogListening(logger, name, bound);
        }
        catch (SocketException ex)
        {
            throw new InvalidOperationException($"{name}: cannot listen on {endpoint} ({ex.SocketErrorCode}); change {setting} or Nms:Address", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Listener} listens on {Address}, but {Setting} is empty: only senders on this machine are taken. Name the sender networks there.")]
    private static partial void LogLoopbackOnly(ILogger logger, string listener, string address, string setting);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Listener} listening on {Endpoint}")]
    private static partial void LogListening(ILogger logger, string listener, IPEndPoint endpoint);
}
