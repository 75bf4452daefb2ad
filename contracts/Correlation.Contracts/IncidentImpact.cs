namespace Correlation.Contracts;

/// <summary>
/// The business impact of an incident as triage worked it out from the CMDB.
/// </summary>
/// <param name="FailedElements">The elements believed down or degraded ("device leeds-asw-03", "link hull-microwave").</param>
/// <param name="Services">Services that lost what they need (directly or through services they depend on), most critical first.</param>
/// <param name="Customers">Customers of those services.</param>
/// <param name="CutOffDevices">Devices that are up but have lost every path to the core.</param>
/// <param name="DegradedRedundancyGroups">Redundancy groups with a member down and a spare still carrying traffic.</param>
/// <param name="ExhaustedRedundancyGroups">Redundancy groups whose every member is down.</param>
public sealed record IncidentImpact(
    IReadOnlyList<string> FailedElements,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Customers,
    IReadOnlyList<string> CutOffDevices,
    IReadOnlyList<string> DegradedRedundancyGroups,
    IReadOnlyList<string> ExhaustedRedundancyGroups);
