using System.Buffers;

namespace Correlation.Ingest.Nms.Syslog;

internal static class SequenceExtensions
{
    /// <summary>The position of the first of two bytes, whichever comes first.</summary>
    public static SequencePosition? PositionOfAny(this ReadOnlySequence<byte> buffer, byte first, byte second)
    {
        var reader = new SequenceReader<byte>(buffer);
        return reader.TryAdvanceToAny([first, second], advancePastDelimiter: false) ? reader.Position : null;
    }
}
