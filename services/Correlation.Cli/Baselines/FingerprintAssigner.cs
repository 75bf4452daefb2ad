using Correlation.Contracts;

namespace Correlation.Cli.Baselines;

/// <summary>
/// Deduplication only: one incident per condition (fingerprint). A repeat joins the condition's open
/// incident; a clear joins and resolves it; a raise after that opens a new one. The floor any
/// correlation has to beat: it is what a NOC gets from its monitoring tools alone.
/// </summary>
public sealed class FingerprintAssigner : IIncidentAssigner
{
    public string Name => "fingerprint";

    public IIncidentAssignment Start() => new Run();

    private sealed class Run : IIncidentAssignment
    {
        private readonly Dictionary<string, Condition> _conditions = new(StringComparer.Ordinal);
        private int _incidents;

        public ValueTask<string> AssignAsync(Alarm alarm, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(alarm);
            return ValueTask.FromResult(Assign(alarm));
        }

        private string Assign(Alarm alarm)
        {
            var raise = alarm.Status == AlarmStatus.Raised;
            if (_conditions.TryGetValue(alarm.Fingerprint, out var condition))
            {
                // A clear, or a second clear after the incident resolved, belongs to the condition's last incident.
                if (condition.Open || !raise)
                {
                    condition.Open = raise;
                    return condition.Incident;
                }
            }

            // A clear never preceded by its raise still has to be somewhere: an incident of its own, resolved.
            condition = new Condition($"fingerprint-{++_incidents}") { Open = raise };
            _conditions[alarm.Fingerprint] = condition;
            return condition.Incident;
        }
    }

    private sealed class Condition(string incident)
    {
        public string Incident { get; } = incident;

        public bool Open { get; set; }
    }
}
