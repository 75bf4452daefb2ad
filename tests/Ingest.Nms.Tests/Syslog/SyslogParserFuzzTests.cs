using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Text;
using Correlation.Ingest.Nms.Syslog;

namespace Correlation.Ingest.Nms.Tests.Syslog;

/// <summary>Truncated, bit-flipped and random lines and streams, seeded: parser, mapper and framer never throw.</summary>
public class SyslogParserFuzzTests
{
    private const int Cases = 4000;
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static readonly byte[][] Seeds =
    [
        .. new[]
        {
            "<165>1 2026-11-23T09:15:03.123456+01:00 core-1 evntslog 4321 ID47 [a@1 iut=\"3\" b=\"x\\\"y\"] \uFEFFmessage",
            "<187>Nov  3 09:23:38 leeds-sw-1 cisco[112]: %LINK-3-UPDOWN: Interface Gi0/1, changed state to down",
            "<11>1 - - - - - - %BGP-5-ADJCHANGE: neighbor 10.0.0.1 Down",
        }.Select(Encoding.UTF8.GetBytes),
    ];

    private readonly SyslogAlarmMapper _mapper = new(SyslogAlarmMapper.CompileRules([], true, out _)!, SyslogSeverity.Debug, TimeProvider.System);

    [Test]
    public void Truncated_lines_are_parsed_or_rejected()
    {
        var count = 0;
        foreach (var seed in Seeds)
        {
            for (var length = 0; length <= seed.Length; length++, count++)
            {
                Check(seed[..length]);
            }
        }

        Assert.That(count, Is.GreaterThan(200));
    }

    [Test]
    public void Bit_flipped_lines_are_parsed_or_rejected([Values(1, 2)] int seed)
    {
        var random = new Random(seed);
        Run(() =>
        {
            var line = (byte[])Seeds[random.Next(Seeds.Length)].Clone();
            for (var flips = random.Next(1, 9); flips > 0; flips--)
            {
                line[random.Next(line.Length)] ^= (byte)(1 << random.Next(8));
            }

            return line;
        });
    }

    [Test]
    public void Random_lines_are_parsed_or_rejected([Values(3, 4)] int seed)
    {
        var random = new Random(seed);
        Run(() =>
        {
            var line = new byte[random.Next(0, 400)];
            random.NextBytes(line);
            if (line.Length > 4 && random.Next(2) == 0)
            {
                "<13>"u8.CopyTo(line);
            }

            return line;
        });
    }

    [Test]
    public void Random_streams_never_break_the_framer_or_yield_a_frame_over_the_limit([Values(5, 6)] int seed)
    {
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Cases / 10; i++)
        {
            var framer = new Rfc6587Framer(64);
            for (var chunk = 0; chunk < 10; chunk++)
            {
                var bytes = new byte[random.Next(1, 200)];
                random.NextBytes(bytes);
                for (var b = 0; b < bytes.Length; b++)
                {
                    // Enough digits, spaces and newlines to exercise both framings.
                    bytes[b] = random.Next(4) switch { 0 => (byte)'0', 1 => (byte)' ', 2 => (byte)'\n', _ => bytes[b] };
                }

                var buffer = new ReadOnlySequence<byte>(bytes);
                FrameStatus status;
                while ((status = framer.TryRead(ref buffer, out var frame)) is not (FrameStatus.NeedMore or FrameStatus.Broken))
                {
                    Assert.That(frame.Length, Is.LessThanOrEqualTo(64));
                }

                if (status == FrameStatus.Broken)
                {
                    break;
                }
            }
        }

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    private void Run(Func<byte[]> next)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Cases; i++)
        {
            Check(next());
        }

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    private void Check(byte[] line)
    {
        Assert.DoesNotThrow(() =>
        {
            var result = SyslogParser.Parse(line, Now);
            Assert.That(result.IsDecoded ^ (result.Rejection is not null), Is.True, "exactly one of a message or a reason");
            if (result.IsDecoded)
            {
                _mapper.Map(result.Value!, IPAddress.Loopback, line);
            }
        }, Convert.ToHexString(line));
    }
}
