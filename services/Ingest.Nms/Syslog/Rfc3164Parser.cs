using System.Globalization;
using System.Text;

namespace Correlation.Ingest.Nms.Syslog;

/// <summary>
/// The BSD syslog header after the PRI: "Mmm dd hh:mm:ss HOSTNAME TAG[pid]: MSG". The timestamp has no
/// year and no zone: it is read as UTC in the year that puts it nearest before the receive time.
/// Without a readable header, everything after the PRI is the message (RFC 3164 4.3.3).
/// </summary>
internal static class Rfc3164Parser
{
    private const int TimestampLength = 15;
    private const int MaxTagLength = 48;
    private static readonly string[] TimestampFormats = ["MMM d HH:mm:ss", "MMM dd HH:mm:ss"];

    public static DecodeResult<SyslogMessage> Parse(int pri, ReadOnlySpan<byte> rest, DateTimeOffset receivedAt)
    {
        if (!TryTimestamp(rest, receivedAt, out var timestamp) || rest.Length <= TimestampLength || rest[TimestampLength] != (byte)' ')
        {
            return Message(pri, null, null, null, null, rest);
        }

        rest = rest[(TimestampLength + 1)..];
        var space = rest.IndexOf((byte)' ');
        var host = space > 0 ? rest[..space] : default;
        if (!SyslogParser.IsPrintable(host, 255))
        {
            return DecodeResult.Rejected<SyslogMessage>(SyslogRejection.BadHeader);
        }

        rest = rest[(space + 1)..];
        var (tag, procId) = SplitTag(ref rest);
        return Message(pri, timestamp, Encoding.ASCII.GetString(host), tag, procId, rest);
    }

    private static DecodeResult<SyslogMessage> Message(int pri, DateTimeOffset? timestamp, string? host, string? tag, string? procId,
        ReadOnlySpan<byte> message) =>
        DecodeResult.Decoded(new SyslogMessage(SyslogFormat.Rfc3164, pri / 8, pri % 8, timestamp, host, tag, procId,
            null, null, SyslogParser.MessageText(message)));

    /// <summary>"tag[123]: text" or "tag: text", leaving the text in <paramref name="rest"/>; without such a tag it is left whole.</summary>
    private static (string? Tag, string? ProcId) SplitTag(ref ReadOnlySpan<byte> rest)
    {
        var end = rest.IndexOfAny("[: "u8);
        if (end <= 0 || end > MaxTagLength || !SyslogParser.IsPrintable(rest[..end], MaxTagLength))
        {
            return (null, null);
        }

        var tag = Encoding.ASCII.GetString(rest[..end]);
        string? procId = null;
        var after = rest[end..];
        if (after.StartsWith("["u8))
        {
            var close = after.IndexOf((byte)']');
            if (close < 2 || !SyslogParser.IsPrintable(after[1..close], 128))
            {
                return (null, null);
            }

            procId = Encoding.ASCII.GetString(after[1..close]);
            after = after[(close + 1)..];
        }

        if (!after.StartsWith(":"u8))
        {
            return (null, null);
        }

        after = after[1..];
        rest = after.StartsWith(" "u8) ? after[1..] : after;
        return (tag, procId);
    }

    private static bool TryTimestamp(ReadOnlySpan<byte> rest, DateTimeOffset receivedAt, out DateTimeOffset? timestamp)
    {
        timestamp = null;
        if (rest.Length < TimestampLength)
        {
            return false;
        }

        Span<char> chars = stackalloc char[TimestampLength];
        for (var i = 0; i < TimestampLength; i++)
        {
            chars[i] = (char)rest[i];
        }

        // "Nov  3": the day is space-padded; collapse the padding for the parser.
        ReadOnlySpan<char> text = chars[4] == ' ' ? string.Concat(chars[..4], chars[5..]) : chars;
        if (!DateTime.TryParseExact(text, TimestampFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        var year = receivedAt.UtcDateTime.Year;
        if (!TryWithYear(parsed, year, out var candidate))
        {
            return false;
        }

        // A December message received in January belongs to last year.
        if (candidate > receivedAt.AddDays(1) && TryWithYear(parsed, year - 1, out var previous))
        {
            candidate = previous;
        }

        timestamp = candidate;
        return true;
    }

    private static bool TryWithYear(DateTime parsed, int year, out DateTimeOffset result)
    {
        result = default;
        if (parsed.Month == 2 && parsed.Day == 29 && !DateTime.IsLeapYear(year))
        {
            return false;
        }

        result = new DateTimeOffset(year, parsed.Month, parsed.Day, parsed.Hour, parsed.Minute, parsed.Second, TimeSpan.Zero);
        return true;
    }
}
