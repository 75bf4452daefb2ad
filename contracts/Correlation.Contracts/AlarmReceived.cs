namespace Correlation.Contracts;

/// <summary>An alarm accepted by ingest and confirmed by the broker.</summary>
public sealed record AlarmReceived(Alarm Alarm);
