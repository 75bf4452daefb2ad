using System.Buffers;
using System.Text;
using Correlation.Ingest.Nms.Syslog;

namespace Correlation.Ingest.Nms.Tests.Syslog;

public class Rfc6587FramerTests
{
    /// <summary>Feeds the stream in chunks of <paramref name="chunk"/> bytes, as reads would deliver it.</summary>
    private static List<string> Frames(string stream, int chunk, int max = 64)
    {
        var framer = new Rfc6587Framer(max);
        var results = new List<string>();
        var pending = Array.Empty<byte>();
        var bytes = Encoding.UTF8.GetBytes(stream);
        for (var offset = 0; offset < bytes.Length; offset += chunk)
        {
            var buffer = new ReadOnlySequence<byte>([.. pending, .. bytes.AsSpan(offset, Math.Min(chunk, bytes.Length - offset))]);
            while (true)
            {
                var status = framer.TryRead(ref buffer, out var frame);
                if (status == FrameStatus.NeedMore)
                {
                    break;
                }

                results.Add(status == FrameStatus.Frame ? Encoding.UTF8.GetString(frame) : status.ToString());
                if (status == FrameStatus.Broken)
                {
                    return results;
                }
            }

            pending = buffer.ToArray();
        }

        if (framer.TryFinish(new ReadOnlySequence<byte>(pending), out var last))
        {
            results.Add(Encoding.UTF8.GetString(last));
        }

        return results;
    }

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(1000)]
    public void Both_framings_split_a_stream_however_it_arrives(int chunk)
    {
        var frames = Frames("<13>one\n5 <13>a8 <13>b\ncd\r\n\n<13>unterminated", chunk);

        Assert.That(frames, Is.EqualTo(new[] { "<13>one", "<13>a", "<13>b\ncd", "<13>unterminated" }));
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(1000)]
    public void Frames_longer_than_the_limit_are_skipped_and_the_stream_goes_on(int chunk)
    {
        var frames = Frames($"<13>{new string('x', 100)}\n<13>after line\n99 {new string('y', 99)}<13>after count\n", chunk);

        Assert.That(frames, Is.EqualTo(new[] { "Dropped", "<13>after line", "Dropped", "<13>after count" }));
    }

    [TestCase("0 <13>x")]
    [TestCase("12x <13>x")]
    [TestCase("1234567890 <13>x")]
    public void A_bad_octet_count_breaks_the_connection(string stream)
    {
        Assert.That(Frames(stream, 1000), Is.EqualTo(new[] { "Broken" }));
    }
}
