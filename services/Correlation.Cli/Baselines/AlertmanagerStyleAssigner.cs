using System.Text;
using Correlation.Contracts;

namespace Correlation.Cli.Baselines;

/// <summary>
/// Groups the way Prometheus Alertmanager does: alarms with identical values of the group-by keys share
/// a group; the group lives while any of its alerts fires, and an alarm arriving after it has been
/// empty for a group interval starts a new group (a new incident).
/// </summary>
/// <remarks>
/// Simplifications, stated so the figures can be read correctly:
/// <list type="bullet">
/// <item>One route, no sub-routes or inhibition; group_wait and repeat_interval only time notifications
/// and do not change membership, so they are left out.</item>
/// <item>A recorded storm is not re-sent every evaluation as Prometheus does, so an alert (one
/// fingerprint) counts as firing from its last raise or repeat until resolve_timeout later, unless its
/// clear ends it first; this is what Alertmanager does with alerts that carry no end time.</item>
/// <item>Alertmanager drops an emptied group at its first flush after the last alert resolved, which
/// comes up to one group_interval later; here it is dropped exactly one group_interval after.</item>
/// <item>A key the alarm does not carry counts as the empty value, as an absent label does.</item>
/// </list>
/// Keys are read from the alarm's fields (alarmType, also as alertname; resource, site, service,
/// source, severity) and, when the field is absent or not one of those, from its labels.
/// </remarks>
public sealed class AlertmanagerStyleAssigner : IIncidentAssigner
{
    public static readonly IReadOnlyList<string> DefaultGroupBy = ["alarmType", "site"];
    public static readonly TimeSpan DefaultGroupInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DefaultResolveTimeout = TimeSpan.FromMinutes(5);

    public AlertmanagerStyleAssigner(IReadOnlyList<string>? groupBy = null, TimeSpan? groupInterval = null, TimeSpan? resolveTimeout = null)
    {
        GroupBy = groupBy ?? DefaultGroupBy;
        GroupInterval = groupInterval ?? DefaultGroupInterval;
        ResolveTimeout = resolveTimeout ?? DefaultResolveTimeout;
        if (GroupBy.Count == 0 || GroupBy.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("group-by keys must be one or more non-empty names", nameof(groupBy));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(GroupInterval, TimeSpan.Zero, nameof(groupInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ResolveTimeout, TimeSpan.Zero, nameof(resolveTimeout));
    }

    public IReadOnlyList<string> GroupBy { get; }

    public TimeSpan GroupInterval { get; }

    public TimeSpan ResolveTimeout { get; }

    public string Name => $"alertmanager {string.Join(',', GroupBy)}";

    public IIncidentAssignment Start() => new Run(this);

    /// <summary>The value of one group-by key: the alarm's field of that name, else its label.</summary>
    internal static string KeyValue(Alarm alarm, string key)
    {
        var field = key.ToUpperInvariant() switch
        {
            "ALARMTYPE" or "ALERTNAME" => alarm.AlarmType,
            "RESOURCE" => alarm.Resource,
            "SITE" => alarm.Site,
            "SERVICE" => alarm.Service,
            "SOURCE" => alarm.SourceName,
            "SEVERITY" => alarm.Severity.ToString().ToLowerInvariant(),
            _ => null,
        };
        return field ?? alarm.Labels.GetValueOrDefault(key) ?? "";
    }

    private sealed class Run(AlertmanagerStyleAssigner settings) : IIncidentAssignment
    {
        private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
        private readonly StringBuilder _key = new();
        private int _incidents;

        public ValueTask<string> AssignAsync(Alarm alarm, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(alarm);
            var now = alarm.ObservedAt.UtcTicks;
            var key = GroupKey(alarm);
            if (!_groups.TryGetValue(key, out var group) || group.EmptySince() + settings.GroupInterval.Ticks <= now)
            {
                group = new Group($"alertmanager-{++_incidents}", now);
                _groups[key] = group;
            }

            if (alarm.Status == AlarmStatus.Raised)
            {
                group.Fire(alarm.Fingerprint, now + settings.ResolveTimeout.Ticks);
            }
            else
            {
                group.Resolve(alarm.Fingerprint, now);
            }

            return ValueTask.FromResult(group.Id);
        }

        private string GroupKey(Alarm alarm)
        {
            _key.Clear();
            foreach (var name in settings.GroupBy)
            {
                // A separator no label value contains keeps ("a b","c") apart from ("a","b c").
                _key.Append(KeyValue(alarm, name)).Append('\u001f');
            }

            return _key.ToString();
        }
    }

    /// <summary>One aggregation group: when each of its alerts stops firing, in UTC ticks.</summary>
    private sealed class Group(string id, long created)
    {
        private readonly Dictionary<string, long> _endOf = new(StringComparer.Ordinal);

        // Latest end first. Entries go stale when an alert's end moves; they are skipped lazily, which
        // keeps each alarm O(log n) instead of rescanning the group's alerts on every clear.
        private readonly PriorityQueue<string, long> _ends = new();

        public string Id { get; } = id;

        public void Fire(string fingerprint, long end)
        {
            _endOf[fingerprint] = end;
            _ends.Enqueue(fingerprint, -end);
        }

        public void Resolve(string fingerprint, long now)
        {
            if (_endOf.TryGetValue(fingerprint, out var end) && end > now)
            {
                _endOf[fingerprint] = now;
                _ends.Enqueue(fingerprint, -now);
            }
        }

        /// <summary>When the last of its alerts stopped firing (in the future while one still fires).</summary>
        public long EmptySince()
        {
            while (_ends.TryPeek(out var fingerprint, out var negativeEnd))
            {
                if (_endOf[fingerprint] == -negativeEnd)
                {
                    return Math.Max(created, -negativeEnd);
                }

                _ends.Dequeue();
            }

            return created;
        }
    }
}
