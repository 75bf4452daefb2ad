using Correlation.Contracts;

namespace Correlation.Ingest.Chat.Reports;

/// <summary>
/// Turns a chat report into an <see cref="Alarm"/> of <see cref="SourceKind.Chat"/> and type "user_report".
/// The resource is the site when the report names one (so the correlator joins it to the incident at that
/// site), else the service, else "chat:&lt;channel&gt;". The fingerprint is platform, reporter and place, so a
/// person saying the same thing twice is a repeat; the idempotency key is the platform's message identity,
/// so a redelivered message is the same alarm.
/// </summary>
internal sealed class ChatAlarms(PlaceFinder places, ReportSeverity severity, TimeProvider time)
{
    public const string AlarmType = "user_report";

    private const int MaxSummaryLength = 300;

    // A sender's clock may run ahead; a report is never taken as observed in the future.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public ChatAlarm Build(ChatReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = ReportText.Parse(report.Text);
        var placement = places.Find(text);
        var channel = report.ChannelName ?? report.ChannelId;
        var resource = placement.Site ?? placement.Service ?? "chat:" + channel;
        var instance = placement.IsPlaced ? $"site={placement.Site};service={placement.Service}" : "channel=" + report.ChannelId;
        var fingerprint = AlarmFingerprint.Compute($"{report.Platform}:{report.ReporterId}", AlarmType, instance);

        var now = time.GetUtcNow();
        var observedAt = report.ObservedAt is { } at && at <= now + ClockSkew ? at : now;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["platform"] = report.Platform,
            ["channel"] = channel,
            ["reporter"] = report.ReporterName ?? report.ReporterId,
        };
        var details = new Dictionary<string, string>(report.Details, StringComparer.Ordinal)
        {
            ["text"] = Truncate(report.Text, JsonFields.MaxTextLength),
            ["reporter_id"] = report.ReporterId,
            ["channel_id"] = report.ChannelId,
        };
        if (placement.SiteFrom != PlaceSource.None)
        {
            details["site_from"] = Name(placement.SiteFrom);
        }

        if (placement.ServiceFrom != PlaceSource.None)
        {
            details["service_from"] = Name(placement.ServiceFrom);
        }

        var alarm = new Alarm(
            Guid.CreateVersion7(now), $"{report.Platform}:{report.MessageId}", fingerprint, SourceKind.Chat, report.Platform, resource,
            placement.Site, placement.Service, AlarmType, severity.Of(text.Description), AlarmStatus.Raised,
            Truncate(text.Description, MaxSummaryLength), labels, details, observedAt, now);
        return new ChatAlarm(alarm, placement);
    }

    private static string Name(PlaceSource source) => source switch
    {
        PlaceSource.Key => "key",
        PlaceSource.KeyNotInCmdb => "key_not_in_cmdb",
        _ => "text",
    };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
