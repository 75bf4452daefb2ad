using Correlation.Cli.Storms;
using Correlation.Ingest.Replay;
using Correlation.Cli.Tests.Support;

namespace Correlation.Cli.Tests.Storms;

public class StormWriterTests
{
    [Test]
    public void A_written_storm_reads_back_to_the_same_alarms_and_groups()
    {
        var labels = new Dictionary<string, string> { ["instance"] = "Gi0/1", ["note"] = "naïve, \"quoted\"" };
        var written = new[]
        {
            new StormAlarm(TestAlarms.Raise("leeds-sw-1", "link_down", 0, "leeds", labels), "g1", 1),
            new StormAlarm(TestAlarms.Clear("leeds-sw-1", "link_down", 2.5, "leeds", labels), "g1", 2),
            new StormAlarm(TestAlarms.Raise("york-sw-1", "crc_errors", 3), "g2", 3),
        };
        using var stream = new MemoryStream();

        StormWriter.Write(stream, written);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        var read = StormReader.Read(new StringReader(text), "round-trip");

        Assert.That(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(3));
        Assert.That(read.IsValid, Is.True, () => string.Join("\n", read.Errors));
        var back = read.Value!.Alarms;
        Assert.That(back, Has.Count.EqualTo(3));
        for (var i = 0; i < back.Count; i++)
        {
            var (expected, actual) = (written[i].Alarm, back[i].Alarm);
            Assert.That(actual with { Id = expected.Id, ReceivedAt = expected.ReceivedAt, Labels = expected.Labels, Details = expected.Details },
                Is.EqualTo(expected), $"alarm {i}");
            Assert.That(actual.Labels, Is.EquivalentTo(expected.Labels));
            Assert.That(back[i].Group, Is.EqualTo(written[i].Group));
        }
    }

    [Test]
    public void Times_are_written_in_utc_with_only_the_fraction_digits_they_need()
    {
        Assert.That(StormWriter.FormatTime(new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.FromHours(1))), Is.EqualTo("2026-03-02T10:00:00Z"));
        Assert.That(StormWriter.FormatTime(new DateTimeOffset(2026, 3, 2, 10, 0, 0, 250, TimeSpan.Zero)), Is.EqualTo("2026-03-02T10:00:00.25Z"));
    }
}
