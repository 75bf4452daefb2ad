using System.Text.Json;

namespace Correlation.Load;

/// <summary>The generic JSON alarm (README, "The generic JSON alarm") of a harness alarm, keyed "lb-{seq}".</summary>
internal static class AlarmJson
{
    public const string Source = "load-harness";

    public static void Write(Utf8JsonWriter writer, LoadAlarm alarm, long seq, DateTimeOffset? observedAt)
    {
        writer.WriteStartObject();
        writer.WriteString("resource"u8, alarm.Resource);
        if (alarm.Site is { } site)
        {
            writer.WriteString("site"u8, site);
        }

        writer.WriteString("alarmType"u8, alarm.AlarmType);
        writer.WriteString("severity"u8, alarm.Severity);
        writer.WriteString("status"u8, alarm.Cleared ? "cleared"u8 : "raised"u8);
        writer.WriteString("summary"u8, alarm.Summary);
        writer.WriteString("source"u8, Source);
        if (alarm.Fingerprint is { } fingerprint)
        {
            writer.WriteString("fingerprint"u8, fingerprint);
        }

        writer.WriteString("idempotencyKey"u8, Key(seq));
        if (observedAt is { } at)
        {
            writer.WriteString("observedAt"u8, at);
        }

        if (alarm.Instance is { } instance)
        {
            writer.WriteStartObject("labels"u8);
            writer.WriteString("instance"u8, instance);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public static string Key(long seq) => EventReader.SeqMarker + seq.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
