using System.Globalization;

namespace Correlation.Load;

/// <summary>
/// The host's own Prometheus metrics (<c>/metrics</c>), read at each step's edges: MassTransit's consume
/// duration per consumer (how many messages each consumer took and how long it spent on them) and the
/// correlator's decision duration. Summed over a step, a consumer's time divided by the step's length is how
/// many of its messages were being consumed at once on average: where the host's time went.
/// </summary>
internal static class HostMetrics
{
    public static async Task<Dictionary<string, (double Count, double SumMs)>> ReadAsync(HttpClient client)
    {
        var result = new Dictionary<string, (double Count, double SumMs)>(StringComparer.Ordinal);
        string text;
        try
        {
            text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return result;
        }

        foreach (var line in text.Split('\n'))
        {
            string? name = null;
            bool sum;
            if (line.StartsWith("messaging_masstransit_consume_duration_milliseconds_", StringComparison.Ordinal))
            {
                name = Label(line, "messaging_masstransit_consumer_type");
            }
            else if (line.StartsWith("correlation_correlator_decision_duration_milliseconds_", StringComparison.Ordinal))
            {
                name = "correlator decisions (" + Label(line, "outcome") + ")";
            }

            if (name is null)
            {
                continue;
            }

            if (line.Contains("_sum{", StringComparison.Ordinal))
            {
                sum = true;
            }
            else if (line.Contains("_count{", StringComparison.Ordinal))
            {
                sum = false;
            }
            else
            {
                continue;
            }

            var value = double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            var (count, ms) = result.GetValueOrDefault(name);
            result[name] = sum ? (count, ms + value) : (count + value, ms);
        }

        return result;
    }

    /// <summary>Alarms the correlator decided so far (every outcome), or null when its metrics cannot be read.</summary>
    public static async Task<double?> DecidedAsync(HttpClient client)
    {
        try
        {
            var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            double? total = null;
            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith("correlation_correlator_alarms_total{", StringComparison.Ordinal))
                {
                    total = (total ?? 0) + double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
                }
            }

            return total;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static string? Label(string line, string label)
    {
        var at = line.IndexOf(label + "=\"", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        at += label.Length + 2;
        return line[at..line.IndexOf('"', at)];
    }

    /// <summary>Per consumer: messages, total ms, over the step (after less before).</summary>
    public static Dictionary<string, (double Count, double SumMs)> Delta(Dictionary<string, (double Count, double SumMs)> before, Dictionary<string, (double Count, double SumMs)> after) =>
        after.ToDictionary(a => a.Key, a => (a.Value.Count - before.GetValueOrDefault(a.Key).Count, a.Value.SumMs - before.GetValueOrDefault(a.Key).SumMs), StringComparer.Ordinal)
            .Where(d => d.Value.Item1 > 0).ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
}
