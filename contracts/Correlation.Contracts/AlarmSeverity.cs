namespace Correlation.Contracts;

/// <summary>How bad an alarm's condition is. Ordered so that a larger value is worse.</summary>
public enum AlarmSeverity
{
    Info = 1,
    Warning = 2,
    Minor = 3,
    Major = 4,
    Critical = 5,
}
