using Correlation.Correlator.Learning;

namespace Correlation.Correlator.Scoring;

/// <summary>
/// What `correlation train` learned from labelled history, as scoring uses it: how often alarm types,
/// and alarm signatures (the ML.NET KMeans clusters of type and summary), that were raised close together
/// belonged to one incident. Either may be missing; with neither, scoring leaves the learned component out.
/// </summary>
public sealed record Learned(TypeAffinity? Types = null, SignatureModel? Signatures = null)
{
    public static Learned None { get; } = new();

    public bool IsEmpty => (Types is null || Types.IsEmpty) && (Signatures is null || Signatures.Affinity.IsEmpty);

    /// <summary>The alarm's signature, when a signature model is loaded.</summary>
    public int? SignatureOf(string alarmType, string? summary) => Signatures?.Signature(alarmType, summary);

    /// <summary>
    /// The strongest learned tie between the alarm and any of the incident's alarm types and signatures;
    /// the mean of the two when both models are loaded. Null when nothing was learned.
    /// </summary>
    public double? Affinity(AlarmFacts alarm, IncidentFacts incident)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentNullException.ThrowIfNull(incident);
        double? types = Types is { IsEmpty: false } t && incident.AlarmTypes.Count > 0
            ? incident.AlarmTypes.Keys.Max(other => t.Of(alarm.AlarmType, other))
            : null;
        double? signatures = Signatures is { Affinity.IsEmpty: false } s && alarm.Signature is { } own && incident.Signatures.Count > 0
            ? incident.Signatures.Keys.Max(other => s.Affinity.Of(own, other))
            : null;
        return (types, signatures) switch
        {
            ({ } a, { } b) => (a + b) / 2,
            ({ } a, null) => a,
            (null, { } b) => b,
            _ => null,
        };
    }
}
