using Correlation.Contracts;
using Correlation.Triage.Impact;
using Correlation.Triage.Policy;

namespace Correlation.Triage.Priority;

/// <summary>
/// Sets an incident's priority from its assessment under the policy: the first base rule that holds gives the
/// starting point, every adjustment that holds moves it (alarm types, time of day, business calendars,
/// services, sites), and a watched incident rises; the result is kept within P1-P4. The reason names each
/// of these steps and what made it hold, so that a NOC can see why without reading the policy.
/// </summary>
public static class PriorityDecider
{
    public static PriorityDecision Decide(Assessment assessment, TriagePolicy policy, DateTimeOffset now, OperatorWatch? watch)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(policy);
        var category = Condition.Name(assessment.Category);
        var parts = new List<string>();

        int level;
        var rule = policy.Base.FirstOrDefault(r => r.When.Match(assessment, now, policy) is not null);
        if (rule is not null)
        {
            level = (int)rule.Priority;
            parts.Add($"{rule.Priority} by rule '{rule.Name}' for {category}: {assessment.Summary}");
        }
        else
        {
            level = assessment.Category switch
            {
                IncidentCategory.Outage => (int)IncidentPriority.P2,
                IncidentCategory.Impairment => (int)IncidentPriority.P3,
                _ => (int)IncidentPriority.P4,
            };
            parts.Add($"P{level} for {category} (no base rule matched): {assessment.Summary}");
        }

        foreach (var adjustment in policy.Adjustments)
        {
            if (adjustment.When.Match(assessment, now, policy) is { } held)
            {
                level -= adjustment.Levels;
                parts.Add($"{Signed(adjustment.Levels)} by '{adjustment.Name}' ({string.Join("; ", held)})");
            }
        }

        var listed = WatchListed(assessment, policy.Watch);
        var watched = watch is not null || listed.Count > 0;
        if (watched)
        {
            level -= policy.Watch.Raise;
            var why = new List<string>();
            if (watch is not null)
            {
                why.Add($"watched by {watch.By}: {watch.Reason}");
            }
            if (listed.Count > 0)
            {
                why.Add("on the watch list: " + string.Join(", ", listed));
            }
            parts.Add($"{Signed(policy.Watch.Raise)} watched ({string.Join("; ", why)})");
        }

        var priority = (IncidentPriority)Math.Clamp(level, (int)IncidentPriority.P1, (int)IncidentPriority.P4);
        if ((int)priority != level)
        {
            parts.Add($"held at {priority}");
        }
        return new PriorityDecision(priority, $"{priority}: " + string.Join("; ", parts), watched);
    }

    private static string Signed(int levels) => levels >= 0 ? $"raised {levels}" : $"lowered {-levels}";

    private static List<string> WatchListed(Assessment assessment, WatchList watch)
    {
        var listed = new List<string>();
        listed.AddRange(assessment.Impact.Customers.Where(watch.Customers.Contains).Select(c => "customer " + c));
        listed.AddRange(assessment.Impact.Services.Where(watch.Services.Contains).Select(s => "service " + s));
        listed.AddRange(assessment.Sites.Where(watch.Sites.Contains).Select(s => "site " + s));
        listed.AddRange(assessment.Devices.Where(watch.Devices.Contains).Select(d => "device " + d));
        return listed;
    }
}
