using System.Collections.Concurrent;
using Correlation.Correlator.Scoring;

namespace Correlation.Correlator.Live;

/// <summary>
/// What this process knows of incidents' facts, by incident and the version they were read or written at, so that
/// a batch does not fetch them again. Bounded in count and in time: entries go in a current generation; when it is
/// full, or older than <c>generationAge</c>, it becomes the previous one (the one before is dropped), and an entry
/// found there is carried into the current. Incidents a long-running correlator no longer decides on (resolved,
/// expired, merged elsewhere, or just quiet) fall out within two generations, while the ones still alarming stay.
/// </summary>
public sealed class FactsCache(int generationSize, TimeSpan generationAge, TimeProvider time)
{
    private readonly object _turnover = new();
    private volatile ConcurrentDictionary<string, (string Version, IncidentFacts Facts)> _current = new(StringComparer.Ordinal);
    private volatile ConcurrentDictionary<string, (string Version, IncidentFacts Facts)> _previous = new(StringComparer.Ordinal);
    private long _currentSince = time.GetTimestamp();

    /// <summary>How many incidents are held, in both generations (an incident carried over may be counted twice until the next turnover).</summary>
    public int Count => _current.Count + _previous.Count;

    public bool TryGet(string id, string version, out IncidentFacts facts)
    {
        facts = null!;
        if (!_current.TryGetValue(id, out var held))
        {
            if (!_previous.TryGetValue(id, out held))
            {
                return false;
            }

            // Still in use: carried into the current generation, so that the next turnover keeps it.
            _current.TryAdd(id, held);
        }

        if (held.Version != version)
        {
            return false;
        }

        facts = held.Facts;
        return true;
    }

    public void Set(string id, string version, IncidentFacts facts)
    {
        _current[id] = (version, facts);
        if (_current.Count >= generationSize || time.GetElapsedTime(Interlocked.Read(ref _currentSince)) >= generationAge)
        {
            lock (_turnover)
            {
                if (_current.Count >= generationSize || time.GetElapsedTime(Interlocked.Read(ref _currentSince)) >= generationAge)
                {
                    _previous = _current;
                    _current = new(StringComparer.Ordinal);
                    Interlocked.Exchange(ref _currentSince, time.GetTimestamp());
                }
            }
        }
    }

    public void Remove(string id)
    {
        _current.TryRemove(id, out _);
        _previous.TryRemove(id, out _);
    }
}
