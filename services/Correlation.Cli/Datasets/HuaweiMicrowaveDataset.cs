using System.Globalization;
using System.Text;
using Correlation.Ingest.Replay;
using Correlation.Contracts;

namespace Correlation.Cli.Datasets;

/// <summary>
/// Reads the public Huawei microwave dataset (gcastle PCIC 2021, 25 alarm types on 474 devices):
/// Alarm.csv, topology_edges.csv and alarm_type_causal_edges.csv from one folder.
/// </summary>
/// <remarks>
/// Mapping: device 17 becomes resource <c>dev-17</c>, alarm id 3 (a type, not an occurrence) becomes
/// alarm type <c>type-3</c>, every alarm is major and has no site, and times are seconds after a fixed
/// origin (<see cref="Origin"/>) because the dataset's own origin is anonymised. A row whose end is
/// after its start also yields a clear at the end; a row with end equal to start is an instantaneous
/// raise with no clear, since its duration is unknown rather than zero (every row of the published
/// file is of that kind). Alarms are sorted by time, stable, raises and clears together.
/// </remarks>
public static class HuaweiMicrowaveDataset
{
    public const string AlarmFile = "Alarm.csv";
    public const string TopologyFile = "topology_edges.csv";
    public const string CausalFile = "alarm_type_causal_edges.csv";
    public const string SourceName = "huawei-microwave-25v";
    public static readonly DateTimeOffset Origin = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyDictionary<string, string> NoValues = new Dictionary<string, string>();

    public static string Device(long id) => $"dev-{id}";

    public static string AlarmType(long id) => $"type-{id}";

    public static InputResult<HuaweiDataset> Load(string folder, int maxErrors = 20)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (File.Exists(folder))
        {
            return InputResult.Failed<HuaweiDataset>([new InputError(folder, 0, null, "is a file; give the folder that holds Alarm.csv")], false);
        }

        if (!Directory.Exists(folder))
        {
            return InputResult.Failed<HuaweiDataset>([new InputError(folder, 0, null, "folder not found")], false);
        }

        var errors = new List<InputError>();
        var stoppedEarly = false;
        var alarms = ReadFile(Path.Combine(folder, AlarmFile), ["alarm_id", "device_id", "start_timestamp", "end_timestamp"],
            maxErrors, errors, ref stoppedEarly, ReadAlarms);
        var links = ReadFile(Path.Combine(folder, TopologyFile), ["device_a", "device_b"],
            maxErrors, errors, ref stoppedEarly, ReadLinks);
        var causal = ReadFile(Path.Combine(folder, CausalFile), ["cause_alarm_id", "effect_alarm_id"],
            maxErrors, errors, ref stoppedEarly, ReadCausalEdges);

        if (errors.Count > 0 || alarms is null || links is null || causal is null)
        {
            return InputResult.Failed<HuaweiDataset>(errors, stoppedEarly);
        }

        return InputResult.Ok(new HuaweiDataset(alarms, links, causal));
    }

    private delegate T? RowsReader<T>(IEnumerable<Row> rows, InputErrors errors);

    private readonly record struct Row(int Line, string[] Cells);

    private static T? ReadFile<T>(string path, string[] header, int maxErrors, List<InputError> all, ref bool stoppedEarly, RowsReader<T> read)
        where T : class
    {
        var errors = new InputErrors(path, maxErrors);
        T? result = null;
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var first = reader.ReadLine();
            var found = first?.Split(',').Select(c => c.Trim()).ToArray() ?? [];
            if (!found.SequenceEqual(header, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(1, null, $"expected the header '{string.Join(',', header)}' but found '{first ?? "(empty file)"}'");
            }
            else
            {
                var rows = new RowSource(reader, header.Length, errors);
                result = read(rows.Rows(), errors);
                stoppedEarly |= rows.StoppedEarly;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add(0, null, InputFiles.Reason(ex));
        }

        all.AddRange(errors.All);
        return errors.Count == 0 ? result : null;
    }

    /// <summary>Data rows with the right number of cells; short or long rows are reported and skipped.</summary>
    private sealed class RowSource(StreamReader reader, int columns, InputErrors errors)
    {
        public bool StoppedEarly { get; private set; }

        public IEnumerable<Row> Rows()
        {
            var line = 1;
            while (reader.ReadLine() is { } text)
            {
                line++;
                if (errors.IsFull)
                {
                    StoppedEarly = true;
                    yield break;
                }

                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                var cells = text.Split(',');
                if (cells.Length != columns)
                {
                    errors.Add(line, null, $"expected {columns} comma-separated values but found {cells.Length}");
                    continue;
                }

                yield return new Row(line, cells);
            }
        }
    }

    private static List<Alarm>? ReadAlarms(IEnumerable<Row> rows, InputErrors errors)
    {
        var alarms = new List<(Alarm Alarm, int Order)>();
        foreach (var (line, cells) in rows)
        {
            var type = Id(cells[0], "alarm_id", line, errors);
            var device = Id(cells[1], "device_id", line, errors);
            var start = Seconds(cells[2], "start_timestamp", line, errors);
            var end = Seconds(cells[3], "end_timestamp", line, errors);
            if (type is null || device is null || start is null || end is null)
            {
                continue;
            }

            if (end < start)
            {
                errors.Add(line, "end_timestamp", $"{cells[3].Trim()} is before start_timestamp {cells[2].Trim()}");
                continue;
            }

            var resource = Device(device.Value);
            var alarmType = AlarmType(type.Value);
            var fingerprint = Correlation.Ingest.AlarmFingerprint.Compute(resource, alarmType, null);
            alarms.Add((Make(line, resource, alarmType, fingerprint, AlarmStatus.Raised, start.Value), alarms.Count));
            if (end > start)
            {
                alarms.Add((Make(line, resource, alarmType, fingerprint, AlarmStatus.Cleared, end.Value), alarms.Count));
            }
        }

        return [.. alarms.OrderBy(a => a.Alarm.ObservedAt).ThenBy(a => a.Order).Select(a => a.Alarm)];
    }

    private static Alarm Make(int line, string resource, string alarmType, string fingerprint, AlarmStatus status, double seconds)
    {
        var at = Origin.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        var raised = status == AlarmStatus.Raised;
        // The line makes the key unique: the file has rows that repeat device, type and second, and each
        // is a separate occurrence that a replay through ingest must not drop as a retry.
        return new Alarm(
            Guid.CreateVersion7(at), $"{SourceName}:{line}:{(raised ? "raise" : "clear")}", fingerprint, SourceKind.Generic,
            SourceName, resource, null, null, alarmType, AlarmSeverity.Major, status,
            raised ? $"{alarmType} on {resource}" : $"{alarmType} on {resource} cleared", NoValues,
            new Dictionary<string, string> { ["line"] = line.ToString(CultureInfo.InvariantCulture) }, at, at);
    }

    private static List<(string A, string B)>? ReadLinks(IEnumerable<Row> rows, InputErrors errors)
    {
        var seen = new HashSet<(long, long)>();
        var links = new List<(string A, string B)>();
        foreach (var (line, cells) in rows)
        {
            var a = Id(cells[0], "device_a", line, errors);
            var b = Id(cells[1], "device_b", line, errors);
            if (a is null || b is null)
            {
                continue;
            }

            if (seen.Add((Math.Min(a.Value, b.Value), Math.Max(a.Value, b.Value))))
            {
                links.Add((Device(a.Value), Device(b.Value)));
            }
        }

        return links;
    }

    private static HashSet<(string Cause, string Effect)>? ReadCausalEdges(IEnumerable<Row> rows, InputErrors errors)
    {
        var edges = new HashSet<(string Cause, string Effect)>();
        foreach (var (line, cells) in rows)
        {
            var cause = Id(cells[0], "cause_alarm_id", line, errors);
            var effect = Id(cells[1], "effect_alarm_id", line, errors);
            if (cause is not null && effect is not null)
            {
                edges.Add((AlarmType(cause.Value), AlarmType(effect.Value)));
            }
        }

        return edges;
    }

    private static long? Id(string cell, string column, int line, InputErrors errors)
    {
        if (long.TryParse(cell.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }

        errors.Add(line, column, $"'{cell.Trim()}' is not a non-negative whole number");
        return null;
    }

    private static double? Seconds(string cell, string column, int line, InputErrors errors)
    {
        // Whole seconds in the published file; fractions are accepted for other exports of the same shape.
        if (double.TryParse(cell.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            && double.IsFinite(seconds) && seconds <= 1e10)
        {
            return seconds;
        }

        errors.Add(line, column, $"'{cell.Trim()}' is not a non-negative number of seconds");
        return null;
    }
}
