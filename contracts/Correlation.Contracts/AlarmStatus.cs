namespace Correlation.Contracts;

/// <summary>
/// Whether an alarm raises its condition or clears it. Clear is a state of the condition, not a
/// severity: a clear of a critical alarm still says which condition it ends.
/// </summary>
public enum AlarmStatus
{
    Raised = 1,
    Cleared = 2,
}
