using System.Buffers;

namespace Correlation.Ingest.Feeds.Pipeline;

/// <summary>A growable byte buffer rented from the shared pool.</summary>
public sealed class PooledBuffer(int initialCapacity) : IDisposable
{
    private byte[] _array = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));

    public int WrittenCount { get; private set; }

    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, WrittenCount);

    public Memory<byte> GetMemory(int sizeHint)
    {
        if (_array.Length - WrittenCount < sizeHint)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, WrittenCount + sizeHint));
            _array.AsSpan(0, WrittenCount).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = bigger;
        }

        return _array.AsMemory(WrittenCount);
    }

    public void Advance(int count) => WrittenCount += count;

    public void Dispose()
    {
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
        }

        _array = [];
        WrittenCount = 0;
    }
}
