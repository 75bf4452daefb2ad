using Correlation.Contracts;

namespace Correlation.Correlator.Live;

/// <summary>The title an incident opens with: the first alarm's type and where it is.</summary>
public static class IncidentTitle
{
    public static string For(Alarm alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return alarm.Site is null
            ? $"{alarm.AlarmType} on {alarm.Resource}"
            : $"{alarm.AlarmType} on {alarm.Resource} at {alarm.Site}";
    }
}
