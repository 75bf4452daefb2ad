using System.Globalization;
using System.Text;

namespace Correlation.ServiceDefaults;

/// <summary>Short durations for method names, tables and messages: 5m, 90s, 1h30m.</summary>
public static class Durations
{
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return duration.ToString("c", CultureInfo.InvariantCulture);
        }

        var text = new StringBuilder();
        Append(text, (long)duration.TotalDays, "d");
        Append(text, duration.Hours, "h");
        Append(text, duration.Minutes, "m");
        Append(text, duration.Seconds, "s");
        Append(text, duration.Milliseconds, "ms");
        return text.Length > 0 ? text.ToString() : duration.ToString("c", CultureInfo.InvariantCulture);
    }

    private static void Append(StringBuilder text, long value, string unit)
    {
        if (value != 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{value}{unit}");
        }
    }
}
