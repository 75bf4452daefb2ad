namespace Correlation.Contracts;

/// <summary>Add a maintenance window, or replace the one with the same id.</summary>
public sealed record ScheduleMaintenance(MaintenanceWindow Window, string By, DateTimeOffset At);
