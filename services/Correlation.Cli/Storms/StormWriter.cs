using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Correlation.Contracts;

using Correlation.Ingest.Replay;

namespace Correlation.Cli.Storms;

/// <summary>
/// Writes a storm file that <see cref="StormReader"/> reads back to the same alarms (ids and receipt
/// times aside: a replay gives each alarm a fresh id and stamps receipt at the observed time).
/// </summary>
/// <remarks>
/// Label and detail values are written as strings: ingest already turned numbers and nested values
/// into their JSON text, so the original JSON type is not known any more.
/// </remarks>
public static class StormWriter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // The file is read by people and tools, never embedded in HTML, so non-ASCII text stays as it is.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void WriteFile(string path, IEnumerable<StormAlarm> alarms)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Write(stream, alarms);
    }

    public static void Write(Stream stream, IEnumerable<StormAlarm> alarms)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(alarms);
        using var writer = new Utf8JsonWriter(stream, WriterOptions);
        foreach (var entry in alarms)
        {
            WriteAlarm(writer, entry.Alarm, entry.Group);
            writer.Flush();
            stream.WriteByte((byte)'\n');
            // One JSON value a line: the writer starts afresh after each.
            writer.Reset(stream);
        }

        stream.Flush();
    }

    /// <summary>RFC 3339 in UTC with only as many fraction digits as the time needs.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static void WriteAlarm(Utf8JsonWriter writer, Alarm alarm, string? group)
    {
        writer.WriteStartObject();
        writer.WriteString("observedAt", FormatTime(alarm.ObservedAt));
        writer.WriteString("resource", alarm.Resource);
        writer.WriteString("alarmType", alarm.AlarmType);
        writer.WriteString("severity", alarm.Severity.ToString().ToLowerInvariant());
        writer.WriteString("status", alarm.Status == AlarmStatus.Cleared ? "cleared" : "raised");
        writer.WriteString("summary", alarm.Summary);
        WriteOptional(writer, "site", alarm.Site);
        WriteOptional(writer, "service", alarm.Service);
        writer.WriteString("source", alarm.SourceName);
        writer.WriteString("fingerprint", alarm.Fingerprint);
        writer.WriteString("idempotencyKey", alarm.IdempotencyKey);
        WriteMap(writer, "labels", alarm.Labels);
        WriteMap(writer, "details", alarm.Details);
        WriteOptional(writer, "group", group);
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteMap(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string> map)
    {
        if (map.Count == 0)
        {
            return;
        }

        writer.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }
}
