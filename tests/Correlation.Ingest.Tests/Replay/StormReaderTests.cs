using Correlation.Ingest.Replay;
using Correlation.Contracts;

namespace Correlation.Ingest.Tests.Replay;

public class StormReaderTests
{
    private static InputResult<Storm> Read(string text, int maxErrors = StormReader.DefaultMaxErrors) =>
        StormReader.Read(new StringReader(text), "storm.jsonl", maxErrors);

    [Test]
    public void A_valid_line_becomes_an_alarm_with_the_ingest_defaults_and_its_truth_group()
    {
        var result = Read("""
            {"observedAt":"2026-03-02T10:00:00Z","resource":"leeds-sw-1","alarmType":"link_down","severity":"major","summary":"Gi0/1 down","site":"leeds","labels":{"instance":"Gi0/1","slot":3},"group":"leeds-power"}
            """);

        Assert.That(result.IsValid, Is.True, () => string.Join("\n", result.Errors));
        var entry = result.Value!.Alarms.Single();
        var alarm = entry.Alarm;
        Assert.Multiple(() =>
        {
            Assert.That(entry.Group, Is.EqualTo("leeds-power"));
            Assert.That(entry.Line, Is.EqualTo(1));
            Assert.That(alarm.Resource, Is.EqualTo("leeds-sw-1"));
            Assert.That(alarm.Site, Is.EqualTo("leeds"));
            Assert.That(alarm.Severity, Is.EqualTo(AlarmSeverity.Major));
            Assert.That(alarm.Status, Is.EqualTo(AlarmStatus.Raised));
            Assert.That(alarm.SourceKind, Is.EqualTo(SourceKind.Generic));
            Assert.That(alarm.SourceName, Is.EqualTo("generic"));
            Assert.That(alarm.ObservedAt, Is.EqualTo(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero)));
            Assert.That(alarm.Fingerprint, Is.EqualTo(Correlation.Ingest.AlarmFingerprint.Compute("leeds-sw-1", "link_down", "Gi0/1")));
            Assert.That(alarm.IdempotencyKey, Is.EqualTo($"{alarm.Fingerprint}:Raised:{alarm.ObservedAt.ToUnixTimeMilliseconds()}"));
            Assert.That(alarm.Labels["slot"], Is.EqualTo("3"));
            Assert.That(result.Value.HasTruth, Is.True);
        });
    }

    [Test]
    public void A_clear_severity_or_status_makes_a_cleared_alarm_and_given_keys_are_kept()
    {
        var result = Read("""
            {"observedAt":"2026-03-02T10:00:00Z","resource":"r","alarmType":"t","severity":"clear","summary":"s","fingerprint":"fp-1","idempotencyKey":"k-1"}
            {"observedAt":"2026-03-02T10:01:00Z","resource":"r","alarmType":"t","severity":"minor","status":"resolved","summary":"s"}
            """);

        Assert.That(result.IsValid, Is.True, () => string.Join("\n", result.Errors));
        var alarms = result.Value!.AlarmsInOrder();
        Assert.Multiple(() =>
        {
            Assert.That(alarms.Select(a => a.Status), Is.EqualTo(new[] { AlarmStatus.Cleared, AlarmStatus.Cleared }));
            Assert.That(alarms[0].Fingerprint, Is.EqualTo("fp-1"));
            Assert.That(alarms[0].IdempotencyKey, Is.EqualTo("k-1"));
            Assert.That(alarms[1].Severity, Is.EqualTo(AlarmSeverity.Minor));
            Assert.That(result.Value.HasTruth, Is.False);
            Assert.That(result.Value.Truth(), Is.Null);
        });
    }

    [Test]
    public void Alarms_are_sorted_by_observed_time_and_equal_times_keep_their_file_order()
    {
        var result = Read("""
            {"observedAt":"2026-03-02T10:05:00Z","resource":"c","alarmType":"t","severity":"major","summary":"s"}
            {"observedAt":"2026-03-02T10:00:00Z","resource":"a","alarmType":"t","severity":"major","summary":"s"}
            {"observedAt":"2026-03-02T11:00:00+01:00","resource":"b","alarmType":"t","severity":"major","summary":"s"}
            {"observedAt":"2026-03-02T10:05:00Z","resource":"d","alarmType":"t","severity":"major","summary":"s"}
            """);

        Assert.That(result.Value!.Alarms.Select(a => a.Alarm.Resource), Is.EqualTo(new[] { "a", "b", "c", "d" }));
        Assert.That(result.Value.Alarms.Select(a => a.Line), Is.EqualTo(new[] { 2, 3, 1, 4 }));
    }

    [Test]
    public void Bad_lines_are_reported_with_their_line_number_field_and_reason_and_nothing_is_returned()
    {
        var result = Read("""
            {"observedAt":"2026-03-02T10:00:00Z","resource":"a","alarmType":"t","severity":"major","summary":"s"}

            {"observedAt":"2026-03-02T10:00:00Z","resource":"a",
            {"resource":"a","alarmType":"t","severity":"major","summary":"s"}
            {"observedAt":"yesterday","resource":"a","alarmType":"t","severity":"urgent","summary":"s"}
            {"observedAt":"2026-03-02T10:00:00Z","resource":"","alarmType":7,"severity":"major","summary":"s","labels":[1]}
            [1,2]
            """);

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Value, Is.Null);
        var errors = result.Errors.Select(e => e.ToString()).ToList();
        Assert.That(errors, Has.Some.StartsWith("storm.jsonl:3: not valid JSON"));
        Assert.That(errors, Has.Member("storm.jsonl:4: observedAt: is required in a storm file (an RFC 3339 time such as 2026-11-23T10:15:00Z)"));
        Assert.That(errors, Has.Member("storm.jsonl:5: severity: 'urgent' is not a severity; use critical, major, minor, warning, info or clear"));
        Assert.That(errors, Has.Member("storm.jsonl:5: observedAt: 'yesterday' is not an RFC 3339 time such as 2026-11-23T10:15:00Z"));
        Assert.That(errors, Has.Member("storm.jsonl:6: resource: must not be empty"));
        Assert.That(errors, Has.Member("storm.jsonl:6: alarmType: must be a string, not a number"));
        Assert.That(errors, Has.Member("storm.jsonl:6: labels: must be a JSON object of names to values, not an array"));
        Assert.That(errors, Has.Member("storm.jsonl:7: expected a JSON object (one alarm a line), not an array"));
        Assert.That(result.StoppedEarly, Is.False);
    }

    [Test]
    public void Reading_stops_after_the_error_limit_with_every_error_found_so_far_listed()
    {
        var lines = Enumerable.Range(0, 50).Select(i => $$"""{"observedAt":"2026-03-02T10:00:00Z","resource":"r{{i}}","alarmType":"t","summary":"s"}""");

        var result = Read(string.Join("\n", lines), maxErrors: 5);

        Assert.That(result.Errors.Select(e => e.Line), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
        Assert.That(result.Errors.Select(e => e.Field), Is.All.EqualTo("severity"));
        Assert.That(result.StoppedEarly, Is.True);
    }

    [Test]
    public void A_storm_labelled_in_part_is_refused_naming_the_unlabelled_lines()
    {
        var result = Read("""
            {"observedAt":"2026-03-02T10:00:00Z","resource":"a","alarmType":"t","severity":"major","summary":"s","group":"g1"}
            {"observedAt":"2026-03-02T10:00:00Z","resource":"b","alarmType":"t","severity":"major","summary":"s"}
            {"observedAt":"2026-03-02T10:00:00Z","resource":"c","alarmType":"t","severity":"major","summary":"s","group":"g2"}
            """);

        var error = result.Errors.Single();
        Assert.That((error.Line, error.Field), Is.EqualTo((2, "group")));
        Assert.That(error.Message, Does.Contain("2 other alarm(s) carry a truth group"));
    }

    [Test]
    public void A_missing_file_is_reported_as_such()
    {
        var result = StormReader.ReadFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".jsonl"));

        Assert.That(result.Errors.Single().Message, Is.EqualTo("file not found"));
        Assert.That(result.Errors.Single().Line, Is.Zero);
    }

    [Test]
    public void A_100000_line_file_is_read_a_line_at_a_time_with_progress_reported()
    {
        var path = Path.Combine(Path.GetTempPath(), $"storm-{Guid.NewGuid():N}.jsonl");
        using (var writer = new StreamWriter(path))
        {
            for (var i = 0; i < 100_000; i++)
            {
                writer.WriteLine($$"""{"observedAt":"2026-03-02T10:{{i / 2000 % 60:00}}:00Z","resource":"r{{i % 500}}","alarmType":"t{{i % 7}}","severity":"major","summary":"s","group":"g{{i % 300}}"}""");
            }
        }

        var progress = new List<int>();
        var result = StormReader.ReadFile(path, linesRead: progress.Add);
        File.Delete(path);

        Assert.That(result.IsValid, Is.True, () => string.Join("\n", result.Errors));
        Assert.That(result.Value!.Alarms, Has.Count.EqualTo(100_000));
        Assert.That(progress, Is.EqualTo(Enumerable.Range(1, 10).Select(i => i * 10_000)));
    }
}
