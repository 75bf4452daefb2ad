namespace Correlation.Load;

/// <summary>
/// One alarm of a workload as the harness sends it, before it is given its sequence number. <see cref="Offset"/>
/// is when it is due after the workload starts (seconds of wall time); <see cref="StormTime"/> its place in the
/// storm's own time, which the sender turns into an <c>observedAt</c> rebased to just before the send, so that
/// the storm keeps its spacing (the correlator's window is in observed time) and none of its times is in the future.
/// Null <see cref="StormTime"/>: no <c>observedAt</c>, ingest stamps the time it received the alarm.
/// </summary>
internal sealed record LoadAlarm(
    string Resource,
    string? Site,
    string AlarmType,
    string Severity,
    bool Cleared,
    string Summary,
    string? Instance,
    string? Fingerprint,
    double Offset,
    TimeSpan? StormTime,
    string? Group);
