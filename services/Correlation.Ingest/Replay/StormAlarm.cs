using Correlation.Contracts;

namespace Correlation.Ingest.Replay;

/// <summary>
/// One alarm of a recorded storm with its ground truth: the incident a person says it belongs to
/// (<see cref="Group"/>, null when the storm is unlabelled) and the line it came from.
/// </summary>
public sealed record StormAlarm(Alarm Alarm, string? Group, int Line);
