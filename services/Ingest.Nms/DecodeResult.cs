namespace Correlation.Ingest.Nms;

/// <summary>What a decoder made of its input: a value, or why there is none. Decoders never throw.</summary>
public readonly record struct DecodeResult<T>(T? Value, string? Rejection)
    where T : class
{
    public bool IsDecoded => Value is not null;
}

/// <summary>Builds <see cref="DecodeResult{T}"/>s.</summary>
public static class DecodeResult
{
    public static DecodeResult<T> Decoded<T>(T value)
        where T : class => new(value, null);

    public static DecodeResult<T> Rejected<T>(string reason)
        where T : class => new(null, reason);
}
