using System.Threading.Channels;

namespace Correlation.Correlator.Live;

/// <summary>
/// A turn at a one-at-a-time section that can be handed on before the holder is done with the rest of
/// its work; disposing it more than once hands it on once.
/// </summary>
public sealed class Turn : IDisposable
{
    private readonly Channel<bool> _token;
    private int _handedOn;

    private Turn(Channel<bool> token) => _token = token;

    /// <summary>A new one-at-a-time section: one token, taken by a turn and put back when it is handed on.</summary>
    public static Channel<bool> Section()
    {
        var token = Channel.CreateBounded<bool>(1);
        token.Writer.TryWrite(true);
        return token;
    }

    public static async Task<Turn> TakeAsync(Channel<bool> section, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(section);
        await section.Reader.ReadAsync(cancellationToken);
        return new Turn(section);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _handedOn, 1) == 0)
        {
            _token.Writer.TryWrite(true);
        }
    }
}
