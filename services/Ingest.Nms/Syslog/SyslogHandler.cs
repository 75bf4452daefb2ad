using System.Net;
using Correlation.Ingest.Nms.Listening;

namespace Correlation.Ingest.Nms.Syslog;

/// <summary>One syslog message from any transport: parse, map, queue for the broker.</summary>
public sealed class SyslogHandler(SyslogAlarmMapper mapper, TimeProvider time)
{
    public void Handle(ReadOnlySpan<byte> message, IPEndPoint sender, ListenerContext context)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(context);
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
