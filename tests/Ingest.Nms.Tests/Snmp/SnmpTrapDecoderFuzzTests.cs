using System.Diagnostics;
using Correlation.Ingest.Nms.Snmp;
using static Correlation.Ingest.Nms.Snmp.BerEncoder;

namespace Correlation.Ingest.Nms.Tests.Snmp;

/// <summary>Truncated, bit-flipped and random datagrams, seeded: the decoder answers each, never throws.</summary>
public class SnmpTrapDecoderFuzzTests
{
    private const int Cases = 4000;

    private static readonly byte[][] Seeds =
    [
        TrapPackets.EveryType(),
        TrapPackets.V1("1.3.6.1.4.1.9", "192.0.2.50", 2, 0, Varbind("1.3.6.1.2.1.2.2.1.1.3", IntegerValue(3))),
        TrapPackets.V2c(BerTags.InformRequest, "public", 99, "1.3.6.1.6.3.1.1.5.1"),
    ];

    [Test]
    public void Every_truncation_of_a_valid_trap_is_rejected()
    {
        foreach (var seed in Seeds)
        {
            for (var length = 0; length < seed.Length; length++)
            {
                var result = SnmpTrapDecoder.Decode(seed.AsSpan(0, length));
                Assert.That(result.Rejection, Is.Not.Null, $"prefix of {length} bytes");
            }
        }
    }

    [Test]
    public void Bit_flipped_traps_are_decoded_or_rejected_never_thrown([Values(1, 2, 3)] int seed)
    {
        var random = new Random(seed);
        Run(random, () =>
        {
            var packet = (byte[])Seeds[random.Next(Seeds.Length)].Clone();
            for (var flips = random.Next(1, 9); flips > 0; flips--)
            {
                packet[random.Next(packet.Length)] ^= (byte)(1 << random.Next(8));
            }

            return packet;
        });
    }

    [Test]
    public void Random_datagrams_are_rejected([Values(4, 5)] int seed)
    {
        var random = new Random(seed);
        var counts = Run(random, () =>
        {
            var packet = new byte[random.Next(0, 600)];
            random.NextBytes(packet);
            // Half start like a message, to get past the first check.
            if (packet.Length > 2 && random.Next(2) == 0)
            {
                packet[0] = BerTags.Sequence;
                packet[1] = (byte)Math.Min(packet.Length - 2, 127);
            }

            return packet;
        });

        Assert.That(counts.Decoded, Is.Zero);
    }

    private static (int Decoded, int Rejected) Run(Random random, Func<byte[]> next)
    {
        ArgumentNullException.ThrowIfNull(random);
        var clock = Stopwatch.StartNew();
        int decoded = 0, rejected = 0;
        for (var i = 0; i < Cases; i++)
        {
            var packet = next();
            DecodeResult<SnmpTrap> result = default;
            Assert.DoesNotThrow(() => result = SnmpTrapDecoder.Decode(packet), Convert.ToHexString(packet));
            Assert.That(result.IsDecoded ^ (result.Rejection is not null), Is.True, "exactly one of a trap or a reason");
            _ = result.IsDecoded ? decoded++ : rejected++;
        }

        Assert.That(decoded + rejected, Is.EqualTo(Cases));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        return (decoded, rejected);
    }
}
