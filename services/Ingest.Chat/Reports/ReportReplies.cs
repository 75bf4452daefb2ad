using System.Globalization;

namespace Correlation.Ingest.Chat.Reports;

/// <summary>
/// What the reporter reads back, in plain text (each platform escapes it for its own markup). The incident is
/// not known yet when the answer goes (the correlator decides a moment later), so the answer gives the alarm id
/// and the console link that leads from the alarm to its incident.
/// </summary>
internal static class ReportReplies
{
    /// <param name="invocation">How the reporter calls us on this platform: "/noc", "@NOC", a trigger word.</param>
    public static string Usage(string invocation) =>
        $"""
        Report a problem to the NOC: {invocation} report <what is wrong> [site=<site>] [service=<service>]
        For example: {invocation} report the network drives are down at the Leeds office
        Sites and services are recognised in the text by their CMDB id or name; site= and service= say it outright.
        {invocation} help shows this.
        """;

    public static string Unknown(string word, string invocation) =>
        $"I don't know \"{word}\".\n" + Usage(invocation);

    public static string EmptyReport(string invocation) =>
        $"Say what is wrong, e.g. {invocation} report the wifi is down in York.";

    /// <param name="console">The console's base URL; null when not known (the link is then given as a path).</param>
    public static string Reported(ReportOutcome outcome, Uri? console)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var alarm = outcome.Alarm;
        var placement = outcome.Placement;
        var where = string.Join(", ", new[] { Place("site", alarm.Site), Place("service", alarm.Service) }.OfType<string>());
        var text = outcome.Status == ReportStatus.Repeated
            ? $"Already reported to the NOC as alarm {alarm.Id}"
            : $"Reported to the NOC as alarm {alarm.Id}";
        text += string.Create(CultureInfo.InvariantCulture, $" ({(where.Length > 0 ? where + ", " : "")}severity {alarm.Severity.ToString().ToLowerInvariant()}).");
        if (placement.SiteFrom == PlaceSource.KeyNotInCmdb)
        {
            text += $" Note: the CMDB has no site \"{alarm.Site}\"; check the spelling so the NOC can place it.";
        }

        if (placement.ServiceFrom == PlaceSource.KeyNotInCmdb)
        {
            text += $" Note: the CMDB has no service \"{alarm.Service}\".";
        }

        if (!placement.IsPlaced)
        {
            text += " No site or service was recognised: adding site=<site> or service=<service> helps the NOC place it.";
        }

        var link = $"api/v1/alarms/{alarm.Id}/explanation";
        return text + $"\nFollow it (the incident it joined): {(console is null ? "/" + link : new Uri(console, link).AbsoluteUri)}";
    }

    private static string? Place(string what, string? value) => value is null ? null : $"{what} {value}";
}
