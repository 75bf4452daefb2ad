using System.Diagnostics;

namespace Correlation.Load;

/// <summary>
/// What happened to each alarm of one workload, by its sequence number: when it was sent, when ingest
/// accepted it (HTTP 202), when the first incident event carrying it arrived and which incident that named.
/// Times are <see cref="Stopwatch"/> ticks of the harness, so every figure is on one clock. The event tap
/// writes from its one consumer thread; the sender writes send and accept times.
/// </summary>
internal sealed class Ledger
{
    public Ledger(string workload, string step, string channel, long firstSeq, IReadOnlyList<LoadAlarm> alarms)
    {
        Workload = workload;
        Step = step;
        Channel = channel;
        FirstSeq = firstSeq;
        Alarms = alarms;
        Sent = new long[alarms.Count];
        Accepted = new long[alarms.Count];
        Correlated = new long[alarms.Count];
        Incident = new int[alarms.Count];
        Array.Fill(Incident, -1);
    }

    public string Workload { get; }

    public string Step { get; }

    /// <summary>http-batch, http-single, snmp-trap, syslog-udp, alertmanager.</summary>
    public string Channel { get; }

    public long FirstSeq { get; }

    public IReadOnlyList<LoadAlarm> Alarms { get; }

    public int Count => Alarms.Count;

    public long[] Sent { get; }

    public long[] Accepted { get; }

    public long[] Correlated { get; }

    /// <summary>Interned incident of the first event that carried the alarm (<see cref="IncidentIds"/>), -1 before.</summary>
    public int[] Incident { get; }

    private long _sentCount;
    private long _acceptedCount;
    private long _rejectedCount;
    private long _correlatedCount;

    public long SentCount => Interlocked.Read(ref _sentCount);

    public long AcceptedCount => Interlocked.Read(ref _acceptedCount);

    public long RejectedCount => Interlocked.Read(ref _rejectedCount);

    public long CorrelatedCount => Interlocked.Read(ref _correlatedCount);

    /// <summary>Stopwatch ticks when the last incident event of this workload arrived.</summary>
    public long LastEvent { get; private set; }

    public bool Holds(long seq) => seq >= FirstSeq && seq < FirstSeq + Count;

    public void MarkSent(int index, long ticks)
    {
        Sent[index] = ticks;
        Interlocked.Increment(ref _sentCount);
    }

    public void MarkAccepted(int index, long ticks)
    {
        Accepted[index] = ticks;
        Interlocked.Increment(ref _acceptedCount);
    }

    public void MarkRejected(int count) => Interlocked.Add(ref _rejectedCount, count);

    /// <summary>The first event for an alarm counts; later ones (a repeat told again, the resolve) do not.</summary>
    public void MarkCorrelated(int index, long ticks, int incident)
    {
        if (Correlated[index] != 0)
        {
            return;
        }

        Correlated[index] = ticks;
        Incident[index] = incident;
        LastEvent = ticks;
        Interlocked.Increment(ref _correlatedCount);
    }

    public static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;
}
