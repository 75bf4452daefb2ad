using Correlation.Contracts;
using Correlation.Correlator.Scoring;

namespace Correlation.Correlator.Engine;

/// <summary>
/// One alarm prepared for a decision: what it says, where it is in the network, the services its
/// device carries, and the keys under which the incidents it could join are found.
/// </summary>
public sealed record AlarmContext(Alarm Alarm, AlarmFacts Facts, IReadOnlyList<string> Impacted, IReadOnlyList<string> CandidateKeys);
