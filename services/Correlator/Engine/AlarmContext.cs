using Correlation.Contracts;
using Correlation.Correlator.Scoring;

namespace Correlation.Correlator.Engine;

/// <summary>
/// One alarm prepared for a decision: what it says, where it is in the network, the services its
/// device carries, and the keys under which the incidents it could join are found. The keys are worked
/// out when first asked for: a clear, or a repeat of a condition an incident holds, is decided without them.
/// </summary>
public sealed class AlarmContext(Alarm alarm, AlarmFacts facts, IReadOnlyList<string> impacted, Func<IReadOnlyList<string>> candidateKeys)
{
    private IReadOnlyList<string>? _candidateKeys;

    public Alarm Alarm { get; } = alarm;

    public AlarmFacts Facts { get; } = facts;

    public IReadOnlyList<string> Impacted { get; } = impacted;

    public IReadOnlyList<string> CandidateKeys => _candidateKeys ??= candidateKeys();
}
