namespace Correlation.Contracts;

/// <summary>
/// One alarm, normalised from whatever feed sent it.
/// </summary>
/// <param name="Id">Unique id given at ingest.</param>
/// <param name="IdempotencyKey">The sender's dedup key: a retried delivery carries the same key.</param>
/// <param name="Fingerprint">What makes two alarms the same condition (resource, type, instance).</param>
/// <param name="SourceKind">The family of feed.</param>
/// <param name="SourceName">The sending system, for example "nagios-leeds" or a Prometheus job.</param>
/// <param name="Resource">The device, host or managed object the alarm is about.</param>
/// <param name="Site">Site of the resource when the sender knows it.</param>
/// <param name="Service">Service the sender attributes the alarm to, when it knows.</param>
/// <param name="AlarmType">The kind of condition, for example "link_down" or "high_cpu".</param>
/// <param name="Severity">How bad the condition is.</param>
/// <param name="Status">Raised or cleared.</param>
/// <param name="Summary">One line for people.</param>
/// <param name="Labels">Free-form key/value labels, used for grouping and routing.</param>
/// <param name="Details">Free-form details kept for people and later enrichment.</param>
/// <param name="ObservedAt">When the condition was observed at the source.</param>
/// <param name="ReceivedAt">When ingest accepted the alarm.</param>
public sealed record Alarm(
    Guid Id,
    string IdempotencyKey,
    string Fingerprint,
    SourceKind SourceKind,
    string SourceName,
    string Resource,
    string? Site,
    string? Service,
    string AlarmType,
    AlarmSeverity Severity,
    AlarmStatus Status,
    string Summary,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Details,
    DateTimeOffset ObservedAt,
    DateTimeOffset ReceivedAt);
