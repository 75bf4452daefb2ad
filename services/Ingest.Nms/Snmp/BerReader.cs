namespace Correlation.Ingest.Nms.Snmp;

/// <summary>
/// Reads BER TLVs strictly from one window of a datagram: single-byte tags, definite lengths of at most
/// three length octets, and contents that never run past the window. Positions are absolute, so a
/// caller can point back into the datagram (an inform's response echoes its varbind list).
/// </summary>
internal ref struct BerReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _end;
    private int _position;

    public BerReader(ReadOnlySpan<byte> data)
        : this(data, 0, data.Length)
    {
    }

    private BerReader(ReadOnlySpan<byte> data, int start, int end)
    {
        _data = data;
        _position = start;
        _end = end;
    }

    public readonly bool AtEnd => _position == _end;

    /// <summary>The reason of the last failed read.</summary>
    public string Error { get; private set; } = "";

    /// <summary>Reads the next TLV, whatever its tag.</summary>
    public bool TryRead(out byte tag, out ReadOnlySpan<byte> contents)
    {
        var read = TryReadHeader(out tag, out var start, out var length);
        contents = read ? _data.Slice(start, length) : default;
        return read;
    }

    /// <summary>Reads the next TLV and requires its tag.</summary>
    public bool TryRead(byte expectedTag, out ReadOnlySpan<byte> contents) =>
        TryRead(out var tag, out contents) && Expect(tag, expectedTag);

    /// <summary>Enters the next constructed TLV: a reader over its contents, and where the TLV began.</summary>
    public bool TryEnter(byte expectedTag, out BerReader inner, out int tlvStart)
    {
        tlvStart = _position;
        inner = default;
        if (!TryReadHeader(out var tag, out var start, out var length) || !Expect(tag, expectedTag))
        {
            return false;
        }

        inner = new BerReader(_data, start, start + length);
        return true;
    }

    /// <summary>Looks at the next tag without reading it; 0 at the end of the window.</summary>
    public readonly byte PeekTag() => _position < _end ? _data[_position] : (byte)0;

    public readonly int Position => _position;

    private bool TryReadHeader(out byte tag, out int contentStart, out int length)
    {
        tag = 0;
        contentStart = 0;
        length = 0;
        var available = _end - _position;
        if (available < 2)
        {
            return Fail(TrapRejection.Truncated);
        }

        tag = _data[_position];
        if ((tag & 0x1F) == 0x1F)
        {
            return Fail(TrapRejection.UnexpectedTag);
        }

        var first = _data[_position + 1];
        var header = 2;
        if (first < 0x80)
        {
            length = first;
        }
        else
        {
            // 0x80 alone is the indefinite form, which SNMP forbids; more than three octets cannot fit a datagram.
            var count = first & 0x7F;
            if (count is 0 or > 3)
            {
                return Fail(TrapRejection.BadLength);
            }

            if (available < 2 + count)
            {
                return Fail(TrapRejection.Truncated);
            }

            for (var i = 0; i < count; i++)
            {
                length = (length << 8) | _data[_position + 2 + i];
            }

            header += count;
        }

        if (length > available - header)
        {
            return Fail(TrapRejection.Truncated);
        }

        contentStart = _position + header;
        _position = contentStart + length;
        return true;
    }

    private bool Expect(byte tag, byte expected) => tag == expected || Fail(TrapRejection.UnexpectedTag);

    private bool Fail(string reason)
    {
        Error = reason;
        return false;
    }
}
