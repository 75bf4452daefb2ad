using System.Globalization;
using Correlation.Contracts;
using Correlation.Correlator.Scoring;
using Correlation.Topology;

namespace Correlation.Correlator.Engine;

/// <summary>
/// The engine over a window held in memory, for replaying a recorded storm in time order
/// (`correlation evaluate`): the same decider as the live correlator, one alarm at a time.
/// </summary>
public sealed class OfflineCorrelator
{
    private readonly InMemoryWindowState _state;
    private readonly CorrelationCore _core;
    private int _opened;

    public OfflineCorrelator(NetworkTopology topology, ScoringOptions options, Learned? learned = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _state = new InMemoryWindowState(options);
        _core = new CorrelationCore(new Decider(topology, options, learned), _state, NextId);
    }

    /// <summary>The incident an id ended up in after merges.</summary>
    public string FinalIncidentOf(string incidentId) => _state.FinalIncidentOf(incidentId);

    /// <summary>Decides one alarm. Alarms must come in the order they were observed.</summary>
    public CorrelationDecision Correlate(Alarm alarm)
    {
        var pending = _core.CorrelateAsync(alarm);
        // The in-memory state completes synchronously; nothing here waits on I/O.
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    // An id is asked for with every decision; those not used to open an incident are skipped.
    private string NextId() => "incident-" + (++_opened).ToString(CultureInfo.InvariantCulture);
}
