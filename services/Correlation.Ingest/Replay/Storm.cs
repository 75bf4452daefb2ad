using Correlation.Contracts;

namespace Correlation.Ingest.Replay;

/// <summary>A recorded storm: its alarms in time order, each with its truth label when it has one.</summary>
public sealed record Storm(string Source, IReadOnlyList<StormAlarm> Alarms)
{
    /// <summary>True when every alarm carries a truth group, so agreement with the truth can be scored.</summary>
    public bool HasTruth => Alarms.Count > 0 && Alarms.All(a => a.Group is not null);

    public IReadOnlyList<Alarm> AlarmsInOrder() => [.. Alarms.Select(a => a.Alarm)];

    /// <summary>The truth group of each alarm, in the same order; null when the storm is unlabelled.</summary>
    public IReadOnlyList<string>? Truth() => HasTruth ? [.. Alarms.Select(a => a.Group!)] : null;
}
