using System.Net;
using System.Net.Sockets;
using Correlation.Ingest.Nms.Listening;
using Correlation.Ingest.Nms.Snmp;

namespace Correlation.Ingest.Nms.Traps;

/// <summary>
/// One trap datagram: decode, check the community, map, queue for the broker. An inform is answered
/// only once the broker confirmed its alarm, so the agent retransmits what was not safely taken.
/// </summary>
public sealed class TrapHandler(TrapAlarmMapper mapper, CommunityPolicy communities)
{
    public void Handle(ReadOnlySpan<byte> datagram, IPEndPoint sender, Socket socket, ListenerContext context)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(context);
        var decoded = SnmpTrapDecoder.Decode(datagram);
        if (!decoded.IsDecoded)
        {
            context.Reject(decoded.Rejection!, sender);
            return;
        }

        var trap = decoded.Value!;
        if (!communities.Allows(sender.Address, trap.Community))
        {
            context.Reject(TrapRejection.CommunityNotAllowed, sender);
            return;
        }

        context.Decoded();
        var alarm = mapper.Map(trap, sender.Address, datagram);
        var response = trap.Kind == SnmpPduKind.Inform ? InformResponse.Encode(trap, datagram) : null;
        if (alarm is null)
        {
            context.Ignored();
            if (response is not null)
            {
                _ = RespondAsync(Task.CompletedTask, response, sender, socket);
            }

            return;
        }

        var confirmed = response is null ? null : new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (context.Offer(alarm, confirmed, sender) && confirmed is not null)
        {
            _ = RespondAsync(confirmed.Task, response!, sender, socket);
        }
    }

    private static async Task RespondAsync(Task confirmed, byte[] response, IPEndPoint sender, Socket socket)
    {
        try
        {
            await confirmed;
            await socket.SendToAsync(response, SocketFlags.None, sender);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Not confirmed, or the listener closed: no response, so the agent sends the inform again.
        }
    }
}
