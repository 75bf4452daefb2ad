using System.Net;
using Correlation.Ingest.Admission;
using Correlation.Ingest.Nms.Listening;

namespace Correlation.Ingest.Nms.Syslog;

/// <summary>One syslog message from any transport: check the sender's network, parse, map, queue for the broker.</summary>
public sealed class SyslogHandler(SyslogAlarmMapper mapper, SenderNetworks allowed, TimeProvider time)
{
    /// <summary>The networks syslog takes messages from (Nms:Syslog:AllowedNetworks; loopback when empty).</summary>
    public SenderNetworks Allowed => allowed;

    public void Handle(ReadOnlySpan<byte> message, IPEndPoint sender, ListenerContext context)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(context);
        if (!allowed.Allows(sender.Address))
        {
            context.Reject(SyslogRejection.SourceNotAllowed, sender);
            return;
        }

        var parsed = SyslogParser.Parse(message, time.GetUtcNow());
        if (!parsed.IsDecoded)
        {
            context.Reject(parsed.Rejection!, sender);
            return;
        }

        context.Decoded();
        if (mapper.Map(parsed.Value!, sender.Address, message) is { } alarm)
        {
            context.Offer(alarm, sender: sender);
        }
        else
        {
            context.Ignored();
        }
    }
}
