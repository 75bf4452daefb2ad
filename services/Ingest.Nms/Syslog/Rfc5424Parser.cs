using System.Globalization;
using System.Text;

namespace Correlation.Ingest.Nms.Syslog;

/// <summary>The RFC 5424 header after the PRI: VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD [MSG].</summary>
internal static class Rfc5424Parser
{
    private const int MaxTimestampChars = 32;
    private static readonly string[] TimestampFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFK"];

    public static DecodeResult<SyslogMessage> Parse(int pri, ReadOnlySpan<byte> version, ReadOnlySpan<byte> rest)
    {
        if (!version.SequenceEqual("1"u8))
        {
            return DecodeResult.Rejected<SyslogMessage>(SyslogRejection.BadVersion);
        }

        if (!NextToken(ref rest, out var timestampToken) || !TryTimestamp(timestampToken, out var timestamp))
        {
            return DecodeResult.Rejected<SyslogMessage>(SyslogRejection.BadTimestamp);
        }

        if (!NextField(ref rest, 255, out var hostname) || !NextField(ref rest, 48, out var appName)
            || !NextField(ref rest, 128, out var procId) || !NextField(ref rest, 32, out var msgId))
        {
            return DecodeResult.Rejected<SyslogMessage>(SyslogRejection.BadHeader);
        }

        var sdLength = StructuredDataLength(rest);
        if (sdLength < 0 || (sdLength < rest.Length && rest[sdLength] != (byte)' '))
        {
            return DecodeResult.Rejected<SyslogMessage>(SyslogRejection.BadStructuredData);
        }

        var sd = rest[..sdLength];
        var message = sdLength < rest.Length ? rest[(sdLength + 1)..] : default;
        return DecodeResult.Decoded(new SyslogMessage(SyslogFormat.Rfc5424, pri / 8, pri % 8, timestamp,
            hostname, appName, procId, msgId, sd.SequenceEqual("-"u8) ? null : Encoding.UTF8.GetString(sd),
            SyslogParser.MessageText(message)));
    }

    private static bool NextToken(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> token)
    {
        var space = rest.IndexOf((byte)' ');
        token = space > 0 ? rest[..space] : default;
        rest = space > 0 ? rest[(space + 1)..] : default;
        return space > 0;
    }

    /// <summary>A header field: printable ASCII up to its limit, or "-" for none (null).</summary>
    private static bool NextField(ref ReadOnlySpan<byte> rest, int maxLength, out string? value)
    {
        value = null;
        if (!NextToken(ref rest, out var token) || !SyslogParser.IsPrintable(token, maxLength))
        {
            return false;
        }

        value = token.SequenceEqual("-"u8) ? null : Encoding.ASCII.GetString(token);
        return true;
    }

    private static bool TryTimestamp(ReadOnlySpan<byte> token, out DateTimeOffset? timestamp)
    {
        timestamp = null;
        if (token.SequenceEqual("-"u8))
        {
            return true;
        }

        if (!SyslogParser.IsPrintable(token, MaxTimestampChars))
        {
            return false;
        }

        Span<char> chars = stackalloc char[token.Length];
        Encoding.ASCII.GetChars(token, chars);
        if (!DateTimeOffset.TryParseExact(chars, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        timestamp = parsed;
        return true;
    }

    /// <summary>The octets of STRUCTURED-DATA at the start of <paramref name="rest"/>: "-" or SD-ELEMENTs; -1 when malformed.</summary>
    private static int StructuredDataLength(ReadOnlySpan<byte> rest)
    {
        if (rest.StartsWith("-"u8))
        {
            return 1;
        }

        var index = 0;
        while (index < rest.Length && rest[index] == (byte)'[')
        {
            var end = ElementEnd(rest, index + 1);
            if (end < 0)
            {
                return -1;
            }

            index = end + 1;
        }

        return index == 0 ? -1 : index;
    }

    /// <summary>The index of the ']' closing an SD-ELEMENT whose SD-ID starts at <paramref name="index"/>.</summary>
    private static int ElementEnd(ReadOnlySpan<byte> rest, int index)
    {
        var name = NameLength(rest[index..]);
        if (name == 0)
        {
            return -1;
        }

        index += name;
        while (index < rest.Length && rest[index] == (byte)' ')
        {
            index++;
            var param = NameLength(rest[index..]);
            index += param;
            if (param == 0 || index + 1 >= rest.Length || rest[index] != (byte)'=' || rest[index + 1] != (byte)'"')
            {
                return -1;
            }

            index = ValueEnd(rest, index + 2);
            if (index < 0)
            {
                return -1;
            }

            index++;
        }

        return index < rest.Length && rest[index] == (byte)']' ? index : -1;
    }

    /// <summary>SD-NAME: 1 to 32 printable ASCII octets except '=', ' ', ']' and '"'.</summary>
    private static int NameLength(ReadOnlySpan<byte> span)
    {
        var length = 0;
        while (length < span.Length && length <= 32 && span[length] is > 32 and < 127 and not (byte)'=' and not (byte)']' and not (byte)'"')
        {
            length++;
        }

        return length is > 32 ? 0 : length;
    }

    /// <summary>The index of the '"' that closes a PARAM-VALUE, skipping escaped characters.</summary>
    private static int ValueEnd(ReadOnlySpan<byte> rest, int index)
    {
        while (index < rest.Length)
        {
            switch (rest[index])
            {
                case (byte)'\\':
                    index += 2;
                    break;
                case (byte)'"':
                    return index;
                default:
                    index++;
                    break;
            }
        }

        return -1;
    }
}
