using Correlation.Cli.Datasets;
using Correlation.Cli.Tests.Support;
using Correlation.Contracts;

namespace Correlation.Cli.Tests.Datasets;

public class HuaweiMicrowaveDatasetTests
{
    private TempFolder _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempFolder();

    [TearDown]
    public void RemoveFolder() => _folder.Dispose();

    private void WriteDataset(string alarms, string? topology = null, string? causal = null)
    {
        _folder.File(HuaweiMicrowaveDataset.AlarmFile, alarms);
        _folder.File(HuaweiMicrowaveDataset.TopologyFile, topology ?? "device_a,device_b\n1,2\n");
        _folder.File(HuaweiMicrowaveDataset.CausalFile, causal ?? "cause_alarm_id,effect_alarm_id\n0,1\n");
    }

    [Test]
    public void Rows_become_major_alarms_on_dev_resources_with_type_names_in_time_order_and_a_clear_when_the_alarm_lasted()
    {
        WriteDataset("""
            alarm_id,device_id,start_timestamp,end_timestamp
            4,404,30,30
            0,381,15,15
            6,263,20,80
            4,404,30,30
            """);

        var result = HuaweiMicrowaveDataset.Load(_folder.Path);

        Assert.That(result.IsValid, Is.True, () => string.Join("\n", result.Errors));
        var alarms = result.Value!.Alarms;
        Assert.That(alarms.Select(a => (a.Resource, a.AlarmType, a.Status, (a.ObservedAt - HuaweiMicrowaveDataset.Origin).TotalSeconds)), Is.EqualTo(new[]
        {
            ("dev-381", "type-0", AlarmStatus.Raised, 15.0),
            ("dev-263", "type-6", AlarmStatus.Raised, 20.0),
            ("dev-404", "type-4", AlarmStatus.Raised, 30.0),
            ("dev-404", "type-4", AlarmStatus.Raised, 30.0),
            ("dev-263", "type-6", AlarmStatus.Cleared, 80.0),
        }));
        Assert.Multiple(() =>
        {
            Assert.That(alarms, Is.All.Matches<Alarm>(a => a.Severity == AlarmSeverity.Major && a.Site == null));
            Assert.That(alarms[0].ObservedAt, Is.EqualTo(new DateTimeOffset(2021, 1, 1, 0, 0, 15, TimeSpan.Zero)));
            Assert.That(alarms[2].Fingerprint, Is.EqualTo(Correlation.Ingest.AlarmFingerprint.Compute("dev-404", "type-4", null)));
            Assert.That(alarms.Select(a => a.IdempotencyKey).Distinct().Count(), Is.EqualTo(5), "repeated rows are separate occurrences");
        });
    }

    [Test]
    public void Links_are_undirected_and_listed_once_and_causal_edges_keep_their_direction()
    {
        WriteDataset("alarm_id,device_id,start_timestamp,end_timestamp\n0,1,0,0\n",
            "device_a,device_b\n1,2\n2,1\n2,3\n",
            "cause_alarm_id,effect_alarm_id\n0,1\n1,0\n0,1\n3,2\n");

        var dataset = HuaweiMicrowaveDataset.Load(_folder.Path).Value!;

        Assert.That(dataset.Links, Is.EqualTo(new[] { ("dev-1", "dev-2"), ("dev-2", "dev-3") }));
        Assert.That(dataset.CausalEdges, Is.EquivalentTo(new[] { ("type-0", "type-1"), ("type-1", "type-0"), ("type-3", "type-2") }));
    }

    [Test]
    public void Bad_rows_and_headers_are_reported_with_file_and_line_and_nothing_is_returned()
    {
        WriteDataset("""
            alarm_id,device_id,start_timestamp,end_timestamp
            4,404,30,30
            x,404,30,30
            4,404,30
            4,404,30,10
            4,-1,30,30
            """,
            "a,b\n1,2\n");

        var result = HuaweiMicrowaveDataset.Load(_folder.Path);

        var alarmFile = Path.Combine(_folder.Path, "Alarm.csv");
        var topologyFile = Path.Combine(_folder.Path, "topology_edges.csv");
        Assert.That(result.Value, Is.Null);
        Assert.That(result.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            $"{alarmFile}:3: alarm_id: 'x' is not a non-negative whole number",
            $"{alarmFile}:4: expected 4 comma-separated values but found 3",
            $"{alarmFile}:5: end_timestamp: 10 is before start_timestamp 30",
            $"{alarmFile}:6: device_id: '-1' is not a non-negative whole number",
            $"{topologyFile}:1: expected the header 'device_a,device_b' but found 'a,b'",
        }));
    }

    [Test]
    public void A_missing_file_or_folder_is_reported()
    {
        _folder.File(HuaweiMicrowaveDataset.AlarmFile, "alarm_id,device_id,start_timestamp,end_timestamp\n");

        var missingFiles = HuaweiMicrowaveDataset.Load(_folder.Path);
        var missingFolder = HuaweiMicrowaveDataset.Load(_folder.Combine("nowhere"));

        Assert.That(missingFiles.Errors.Select(e => (Path.GetFileName(e.File), e.Message)), Is.EqualTo(new[]
        {
            ("topology_edges.csv", "file not found"),
            ("alarm_type_causal_edges.csv", "file not found"),
        }));
        Assert.That(missingFolder.Errors.Single().Message, Is.EqualTo("folder not found"));
    }

    [Test]
    public void Reading_stops_after_the_error_limit()
    {
        WriteDataset("alarm_id,device_id,start_timestamp,end_timestamp\n" + string.Concat(Enumerable.Repeat("x,1,2,2\n", 30)));

        var result = HuaweiMicrowaveDataset.Load(_folder.Path, maxErrors: 3);

        Assert.That(result.Errors.Select(e => e.Line), Is.EqualTo(new[] { 2, 3, 4 }));
        Assert.That(result.StoppedEarly, Is.True);
    }
}
