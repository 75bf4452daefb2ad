namespace Correlation.Cli.Baselines;

/// <summary>
/// A method that can merge incidents after alarms were assigned to them: once the storm is over,
/// every alarm is counted in the incident its first incident ended up in.
/// </summary>
public interface IMergingAssignment
{
    string FinalIncidentOf(string incidentId);
}
