using Correlation.Contracts;
using Correlation.ServiceDefaults;

namespace Correlation.Cli.Baselines;

/// <summary>
/// Everything at one site in one fixed time window is one incident: the site (or the resource, when
/// the alarm names no site) and floor(observedAt / window), with windows aligned on the Unix epoch.
/// Clears are grouped like any other alarm. Cheap and blind: a storm that straddles a window boundary
/// becomes two incidents, and two unrelated faults at one site in one window become one.
/// </summary>
public sealed class FixedWindowAssigner : IIncidentAssigner
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(5);

    public FixedWindowAssigner(TimeSpan? window = null)
    {
        Window = window ?? DefaultWindow;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Window, TimeSpan.Zero, nameof(window));
    }

    public TimeSpan Window { get; }

    public string Name => $"fixed-window {Durations.Format(Window)}";

    public IIncidentAssignment Start() => new Run(Window);

    private sealed class Run(TimeSpan window) : IIncidentAssignment
    {
        private readonly Dictionary<(bool IsSite, string Place, long Slot), string> _incidents = [];

        public ValueTask<string> AssignAsync(Alarm alarm, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(alarm);
            // Integer floor division: ticks since the epoch are beyond a double's exact range.
            var slot = Math.DivRem(alarm.ObservedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks, window.Ticks, out var rest);
            if (rest < 0)
            {
                slot--;
            }

            var key = (alarm.Site is not null, alarm.Site ?? alarm.Resource, slot);
            if (!_incidents.TryGetValue(key, out var incident))
            {
                incident = $"window-{_incidents.Count + 1}";
                _incidents.Add(key, incident);
            }

            return ValueTask.FromResult(incident);
        }
    }
}
