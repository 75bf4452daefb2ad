namespace Correlation.Contracts;

/// <summary>
/// What a maintenance window covers, as CMDB ids: every device at the <paramref name="Sites"/>, the
/// <paramref name="Devices"/>, and every device the <paramref name="Services"/> depend on (directly or
/// through the services they depend on).
/// </summary>
public sealed record MaintenanceScope(IReadOnlyList<string> Sites, IReadOnlyList<string> Devices, IReadOnlyList<string> Services);
