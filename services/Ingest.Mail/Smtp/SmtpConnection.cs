using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Correlation.Ingest.Mail.Smtp;

/// <summary>
/// The bytes of one SMTP connection: command lines, message text up to its lone ".", and replies.
/// Commands end at LF (a missing CR is forgiven); message text ends only at CRLF.CRLF, so that a bare
/// LF in the text can never end a message early and smuggle a second one in. Nothing a client sends is
/// held beyond the configured limits: over-long lines and messages are read and discarded.
/// </summary>
public sealed class SmtpConnection(Stream stream)
{
    /// <summary>RFC 5321 allows 512 octets a command line; extensions may need more, nothing needs this much.</summary>
    public const int MaxCommandBytes = 4096;

    private const int DataChunkBytes = 64 * 1024;
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);
    private static readonly byte[] Crlf = "\r\n"u8.ToArray();

    private readonly PipeReader _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));

    /// <returns>The line without its line end, <see cref="TooLong"/> for an over-long one, null when the client has gone.</returns>
    public async Task<string?> ReadCommandAsync(CancellationToken cancellationToken)
    {
        var discarding = false;
        while (true)
        {
            var read = await _reader.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            var reader = new SequenceReader<byte>(buffer);
            if (reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
            {
                // Decoded before advancing: the buffer is the reader's again once consumed.
                var text = discarding || line.Length > MaxCommandBytes ? TooLong : Encoding.UTF8.GetString(line);
                _reader.AdvanceTo(reader.Position);
                return ReferenceEquals(text, TooLong) || !text.EndsWith('\r') ? text : text[..^1];
            }

            if (buffer.Length > MaxCommandBytes)
            {
                discarding = true;
                _reader.AdvanceTo(buffer.End);
            }
            else
            {
                _reader.AdvanceTo(buffer.Start, buffer.End);
            }

            if (read.IsCompleted)
            {
                return null;
            }
        }
    }

    /// <summary>What <see cref="ReadCommandAsync"/> returns for a line over <see cref="MaxCommandBytes"/>.</summary>
    public static readonly string TooLong = new('\0', 1);

    /// <summary>
    /// Reads message text after 354 up to the line ".", undoing dot-stuffing. Text past
    /// <paramref name="maxBytes"/> is read and dropped, so the client still gets its answer.
    /// </summary>
    /// <param name="message">Receives the message, with CRLF line ends.</param>
    /// <param name="maxBytes">The largest message kept.</param>
    /// <param name="idleTimeout">The longest wait for more text.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    public async Task<DataResult> ReadDataAsync(MemoryStream message, long maxBytes, TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var atLineStart = true;
        long size = 0;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        while (true)
        {
            idle.CancelAfter(idleTimeout);
            var read = await _reader.ReadAsync(idle.Token);
            var reader = new SequenceReader<byte>(read.Buffer);
            while (true)
            {
                if (reader.TryReadTo(out ReadOnlySequence<byte> line, Crlf, advancePastDelimiter: true))
                {
                    if (atLineStart && line.Length == 1 && line.FirstSpan[0] == (byte)'.')
                    {
                        _reader.AdvanceTo(reader.Position);
                        return size > maxBytes ? DataResult.TooLarge : DataResult.Complete;
                    }

                    Append(line, atLineStart, true);
                    atLineStart = true;
                    continue;
                }

                // A very long line: take what is here but its last byte, which may be the CR of the CRLF.
                if (reader.Remaining > DataChunkBytes)
                {
                    var chunk = reader.UnreadSequence.Slice(0, reader.Remaining - 1);
                    Append(chunk, atLineStart, false);
                    atLineStart = false;
                    reader.Advance(chunk.Length);
                }

                break;
            }

            _reader.AdvanceTo(reader.Position, read.Buffer.End);
            if (read.IsCompleted)
            {
                return DataResult.Closed;
            }
        }

        void Append(ReadOnlySequence<byte> text, bool lineStart, bool lineEnd)
        {
            // Dot-stuffing (RFC 5321 4.5.2): a line the client began with "." had one added.
            if (lineStart && text.Length > 0 && text.FirstSpan[0] == (byte)'.')
            {
                text = text.Slice(1);
            }

            size += text.Length + (lineEnd ? 2 : 0);
            if (size > maxBytes)
            {
                return;
            }

            foreach (var segment in text)
            {
                message.Write(segment.Span);
            }

            if (lineEnd)
            {
                message.Write(Crlf);
            }
        }
    }

    /// <summary>
    /// Sends one reply line. Not tied to the host stopping (a confirmed message still gets its 250), but
    /// bounded, so a client that stops reading cannot hold the session.
    /// </summary>
    public async Task ReplyAsync(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        using var timeout = new CancellationTokenSource(ReplyTimeout);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"), timeout.Token);
    }

    public async Task CompleteAsync() => await _reader.CompleteAsync();
}

public enum DataResult
{
    Complete,
    TooLarge,
    Closed,
}
