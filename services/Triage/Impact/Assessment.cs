using Correlation.Contracts;
using Correlation.Topology;

namespace Correlation.Triage.Impact;

/// <summary>A service an incident takes down or degrades, with how much the business depends on it.</summary>
public sealed record AffectedService(string Id, Criticality Criticality);

/// <summary>
/// What an incident means, as <see cref="ImpactAssessor"/> worked it out from its members and the CMDB:
/// the category and why (<paramref name="Summary"/>, in words), the impact carried on the wire, and the
/// facts the priority rules and templates ask about.
/// </summary>
/// <param name="ServiceDetails">The impact's services with their criticality, most critical first.</param>
/// <param name="IsolatedSites">Sites whose every device is failed or cut off.</param>
/// <param name="Elements">What failed, as templates and similarity name it: device roles ("microwave-radio"), "link" and "link:kind".</param>
/// <param name="ActiveTypes">Alarm types of the raised members.</param>
/// <param name="Sites">Every site the incident touches: its own, and those of its failed, degraded and cut-off devices.</param>
/// <param name="Devices">Failed, degraded and cut-off devices and the ends of failed links (ids), for the watch list.</param>
public sealed record Assessment(
    IncidentCategory Category,
    string Summary,
    IncidentImpact Impact,
    IReadOnlyList<AffectedService> ServiceDetails,
    IReadOnlyList<string> IsolatedSites,
    IReadOnlySet<string> Elements,
    IReadOnlySet<string> ActiveTypes,
    AlarmSeverity? TopSeverity,
    IReadOnlyList<string> Sites,
    IReadOnlyList<string> Devices,
    IReadOnlyList<string> Teams,
    string? Site,
    string? Region)
{
    public AffectedService? TopService => ServiceDetails.Count > 0 ? ServiceDetails[0] : null;
}
