using System.Buffers;

namespace Correlation.Ingest.Nms.Syslog;

/// <summary>What <see cref="Rfc6587Framer.TryRead"/> found.</summary>
public enum FrameStatus
{
    /// <summary>No whole frame yet: read more.</summary>
    NeedMore,

    /// <summary>A message.</summary>
    Frame,

    /// <summary>A message longer than the limit, skipped; the stream goes on.</summary>
    Dropped,

    /// <summary>The framing is lost (a bad octet count): the connection should be closed.</summary>
    Broken,
}

/// <summary>
/// Splits a syslog TCP stream into messages as RFC 6587 describes: octet counting ("LEN SP MSG") when a
/// frame starts with a digit, otherwise non-transparent framing ended by LF (or NUL). Never holds more
/// than the limit: a longer line is skipped to its end, a longer counted frame skipped by its count.
/// </summary>
public sealed class Rfc6587Framer(int maxMessageBytes)
{
    private const int MaxCountDigits = 9;
    private long _skip;
    private bool _skipLine;

    public FrameStatus TryRead(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        while (true)
        {
            if (!Skip(ref buffer) || buffer.IsEmpty)
            {
                return FrameStatus.NeedMore;
            }

            var first = buffer.FirstSpan[0];
            var status = first is >= (byte)'0' and <= (byte)'9' ? ReadCounted(ref buffer, out frame) : ReadLine(ref buffer, out frame);
            // Empty lines (a CR LF pair's LF, keep-alive newlines) are no messages.
            if (status != FrameStatus.Frame || !IsBlank(frame))
            {
                return status;
            }
        }
    }

    /// <summary>At the end of the stream: what is left, when it is an unterminated line.</summary>
    public bool TryFinish(ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        frame = buffer;
        return !_skipLine && _skip == 0 && !buffer.IsEmpty && buffer.FirstSpan[0] is < (byte)'0' or > (byte)'9'
            && buffer.Length <= maxMessageBytes && !IsBlank(buffer);
    }

    private bool Skip(ref ReadOnlySequence<byte> buffer)
    {
        if (_skip > 0)
        {
            var skipped = Math.Min(_skip, buffer.Length);
            buffer = buffer.Slice(skipped);
            _skip -= skipped;
            if (_skip > 0)
            {
                return false;
            }
        }

        if (_skipLine)
        {
            var end = buffer.PositionOfAny((byte)'\n', (byte)'\0');
            if (end is null)
            {
                buffer = buffer.Slice(buffer.End);
                return false;
            }

            buffer = buffer.Slice(buffer.GetPosition(1, end.Value));
            _skipLine = false;
        }

        return true;
    }

    private FrameStatus ReadCounted(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        var head = buffer.Slice(0, Math.Min(buffer.Length, MaxCountDigits + 1));
        var space = head.PositionOf((byte)' ');
        if (space is null)
        {
            return head.Length > MaxCountDigits ? FrameStatus.Broken : FrameStatus.NeedMore;
        }

        var digits = head.Slice(0, space.Value);
        long count = 0;
        foreach (var segment in digits)
        {
            foreach (var b in segment.Span)
            {
                if (b is < (byte)'0' or > (byte)'9')
                {
                    return FrameStatus.Broken;
                }

                count = (count * 10) + (b - '0');
            }
        }

        if (count == 0 || digits.FirstSpan[0] == (byte)'0')
        {
            return FrameStatus.Broken;
        }

        var body = buffer.Slice(buffer.GetPosition(1, space.Value));
        if (count > maxMessageBytes)
        {
            buffer = body;
            _skip = count;
            return FrameStatus.Dropped;
        }

        if (body.Length < count)
        {
            return FrameStatus.NeedMore;
        }

        frame = body.Slice(0, count);
        buffer = body.Slice(count);
        return FrameStatus.Frame;
    }

    private FrameStatus ReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        var end = buffer.PositionOfAny((byte)'\n', (byte)'\0');
        if (end is null)
        {
            if (buffer.Length <= maxMessageBytes)
            {
                return FrameStatus.NeedMore;
            }

            buffer = buffer.Slice(buffer.End);
            _skipLine = true;
            return FrameStatus.Dropped;
        }

        frame = buffer.Slice(0, end.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, end.Value));
        return frame.Length > maxMessageBytes ? FrameStatus.Dropped : FrameStatus.Frame;
    }

    private static bool IsBlank(ReadOnlySequence<byte> frame) => frame.Length == 0 || (frame.Length == 1 && frame.FirstSpan[0] == (byte)'\r');
}
