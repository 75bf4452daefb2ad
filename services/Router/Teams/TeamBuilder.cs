using Correlation.Contracts;
using Correlation.Router.Configuration;
using Correlation.Router.Rules;

namespace Correlation.Router.Teams;

/// <summary>An incident's team after an update, and what changed.</summary>
public sealed record TeamChange(
    string Template,
    IReadOnlyList<TeamMember> Members,
    IReadOnlyList<TeamMember> Joined,
    IReadOnlyList<TeamMember> Left,
    IReadOnlyList<string> Unfilled,
    DateTimeOffset? NextHandover)
{
    public bool Changed => Joined.Count > 0 || Left.Count > 0;
}

/// <summary>
/// Fills an incident's team from the template for its category and the on-call roster: whoever is on call
/// for a function joins, whoever is no longer on call (their shift ended) or whose function the template no
/// longer needs leaves. Nobody is removed from the list: leaving sets LeftAt, so the history stays.
/// </summary>
public sealed class TeamBuilder(RoutingConfig config, Roster roster)
{
    public TeamChange Update(IReadOnlyList<TeamMember> current, IncidentCategory category, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        var functions = config.TeamTemplates.TryGetValue(category, out var template) ? template : [];
        var onCall = functions.ToDictionary(f => f, f => roster.OnCall(f, now), StringComparer.OrdinalIgnoreCase);
        var members = new List<TeamMember>();
        var left = new List<TeamMember>();
        foreach (var member in current)
        {
            var stays = member.LeftAt is not null
                || (onCall.TryGetValue(member.Function, out var people) && people.Any(p => Same(p.Person.Id, member.PersonId)));
            if (stays)
            {
                members.Add(member);
            }
            else
            {
                var leaving = member with { LeftAt = now };
                members.Add(leaving);
                left.Add(leaving);
            }
        }

        var joined = new List<TeamMember>();
        foreach (var (function, people) in onCall)
        {
            foreach (var person in people)
            {
                if (!members.Any(m => m.LeftAt is null && Same(m.Function, function) && Same(m.PersonId, person.Person.Id)))
                {
                    var joining = new TeamMember(function, person.Person.Id, person.Person.Name, person.Shift, now, null);
                    members.Add(joining);
                    joined.Add(joining);
                }
            }
        }

        var unfilled = onCall.Where(f => f.Value.Count == 0).Select(f => f.Key).ToList();
        var handover = onCall.Values.SelectMany(p => p).Select(p => (DateTimeOffset?)p.Until).Min();
        return new TeamChange(category.ToString().ToLowerInvariant(), members, joined, left, unfilled, handover);
    }

    /// <summary>Everyone still on the team leaves: the incident is over.</summary>
    public static TeamChange Disband(IReadOnlyList<TeamMember> current, string template, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        var left = current.Where(m => m.LeftAt is null).Select(m => m with { LeftAt = now }).ToList();
        var members = current.Select(m => m.LeftAt is null ? m with { LeftAt = now } : m).ToList();
        return new TeamChange(template, members, [], left, [], null);
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
