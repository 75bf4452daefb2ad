using Correlation.Contracts;
using Correlation.Router.Configuration;

namespace Correlation.Router.Rules;

/// <summary>The routing rules' answer for one triage decision.</summary>
public sealed record RuleDecision(IReadOnlyList<Destination> Destinations, IReadOnlyList<string> Rules, string Reason);

/// <summary>
/// Evaluates the routing rules in file order: every matching rule adds its destinations, a matching rule
/// with stop: true ends the evaluation, and when none matches the fallback destinations apply.
/// </summary>
public sealed class RoutingRules(RoutingConfig config)
{
    public RuleDecision Decide(IncidentTriaged triage)
    {
        ArgumentNullException.ThrowIfNull(triage);
        var destinations = new List<Destination>();
        var matched = new List<string>();
        var why = new List<string>();
        foreach (var rule in config.Rules)
        {
            if (Matches(rule.Match, triage) is not { } because)
            {
                continue;
            }

            matched.Add(rule.Name);
            why.Add(because.Length > 0 ? $"{rule.Name} ({because})" : rule.Name);
            destinations.AddRange(rule.Destinations.Where(d => !destinations.Contains(d)));
            if (rule.Stop)
            {
                break;
            }
        }

        var head = $"{triage.Priority} {triage.Category.ToString().ToLowerInvariant()}";
        if (matched.Count == 0)
        {
            return new RuleDecision(config.Fallback, [], $"{head}: no rule matched, fallback to {string.Join(", ", config.Fallback)}");
        }

        return new RuleDecision(destinations, matched, $"{head}: rule{(matched.Count > 1 ? "s" : "")} {string.Join("; ", why)}");
    }

    /// <summary>Null when the rule does not match, else what made it match, in words.</summary>
    private static string? Matches(RuleMatch match, IncidentTriaged triage)
    {
        var because = new List<string>();
        if (match.Priorities is { } priorities)
        {
            if (!priorities.Contains(triage.Priority))
            {
                return null;
            }

            because.Add($"priority {triage.Priority}");
        }

        if (match.Categories is { } categories)
        {
            if (!categories.Contains(triage.Category))
            {
                return null;
            }

            because.Add($"category {triage.Category.ToString().ToLowerInvariant()}");
        }

        if (!Any(match.Services, triage.Impact.Services, "service", because)
            || !Any(match.Sites, triage.Site is null ? [] : [triage.Site], "site", because)
            || !Any(match.Regions, triage.Region is null ? [] : [triage.Region], "region", because)
            || !Any(match.Teams, triage.Teams, "team", because))
        {
            return null;
        }

        if (match.Watched is { } watched)
        {
            if (watched != triage.Watched)
            {
                return null;
            }

            because.Add(watched ? "watched" : "not watched");
        }

        return string.Join(", ", because);
    }

    private static bool Any(IReadOnlySet<string>? wanted, IReadOnlyList<string> actual, string what, List<string> because)
    {
        if (wanted is null)
        {
            return true;
        }

        var hit = actual.FirstOrDefault(wanted.Contains);
        if (hit is null)
        {
            return false;
        }

        because.Add($"{what} {hit}");
        return true;
    }
}
