namespace Correlation.Ingest.Chat.Reports;

/// <summary>A problem someone reported in a chat, as every platform's reader hands it on.</summary>
/// <param name="Platform">slack, teams or mattermost.</param>
/// <param name="MessageId">
/// The platform's own identity of the message (Slack: team, channel and message ts; Teams: conversation and
/// activity id; Mattermost: the post id): every delivery of the same message carries the same one.
/// </param>
/// <param name="Text">The report, with the command word and mention removed and key=value words still in it.</param>
/// <param name="ObservedAt">When the message was written, when the platform says.</param>
/// <param name="Details">What else the platform told about it (team, event id, retry number), kept on the alarm.</param>
internal sealed record ChatReport(
    string Platform,
    string MessageId,
    string ReporterId,
    string? ReporterName,
    string ChannelId,
    string? ChannelName,
    string Text,
    DateTimeOffset? ObservedAt,
    IReadOnlyDictionary<string, string> Details);
