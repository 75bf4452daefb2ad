using System.Text;

namespace Correlation.Ingest.Nms.Syslog;

/// <summary>
/// Parses one syslog message, RFC 5424 when a version follows the PRI and RFC 3164 otherwise. RFC 5424
/// headers are checked strictly (field lengths, printable ASCII, RFC 3339 time, structured data);
/// an RFC 3164 message without a readable TIMESTAMP HOSTNAME header is kept whole as the message, as
/// RFC 3164 4.3.3 asks of a receiver. Any input gives a result, never an exception.
/// </summary>
public static class SyslogParser
{
    private const int MaxPri = 191;

    public static DecodeResult<SyslogMessage> Parse(ReadOnlySpan<byte> line, DateTimeOffset receivedAt)
    {
        line = line.TrimEnd("\r\n\0"u8);
        if (line.IsEmpty)
        {
            return DecodeResult.Rejected<SyslogMessage>(SyslogRejection.Empty);
        }

        if (!TryPri(line, out var pri, out var rest))
        {
            return DecodeResult.Rejected<SyslogMessage>(SyslogRejection.BadPri);
        }

        var space = rest.IndexOf((byte)' ');
        return space is 1 or 2 && IsDigits(rest[..space]) && rest[0] != (byte)'0'
            ? Rfc5424Parser.Parse(pri, rest[..space], rest[(space + 1)..])
            : Rfc3164Parser.Parse(pri, rest, receivedAt);
    }

    /// <summary>The message text: UTF-8 (a leading BOM dropped), invalid sequences replaced.</summary>
    internal static string MessageText(ReadOnlySpan<byte> message)
    {
        if (message.StartsWith("\uFEFF"u8))
        {
            message = message[3..];
        }

        return Encoding.UTF8.GetString(message);
    }

    /// <summary>Printable US-ASCII (33-126) of 1 to <paramref name="maxLength"/> octets.</summary>
    internal static bool IsPrintable(ReadOnlySpan<byte> token, int maxLength)
    {
        if (token.IsEmpty || token.Length > maxLength)
        {
            return false;
        }

        foreach (var b in token)
        {
            if (b is < 33 or > 126)
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsDigits(ReadOnlySpan<byte> token) => !token.IsEmpty && token.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;

    private static bool TryPri(ReadOnlySpan<byte> line, out int pri, out ReadOnlySpan<byte> rest)
    {
        pri = 0;
        rest = default;
        var close = line.Length > 2 && line[0] == (byte)'<' ? line[..Math.Min(line.Length, 5)].IndexOf((byte)'>') : -1;
        if (close < 2 || !IsDigits(line[1..close]) || (line[1] == (byte)'0' && close > 2))
        {
            return false;
        }

        foreach (var digit in line[1..close])
        {
            pri = (pri * 10) + (digit - '0');
        }

        rest = line[(close + 1)..];
        return pri <= MaxPri;
    }
}
