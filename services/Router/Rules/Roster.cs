using Correlation.Contracts;
using Correlation.Router.Configuration;

namespace Correlation.Router.Rules;

/// <summary>Someone on call for a function now, through a shift that ends at <paramref name="Until"/>.</summary>
public sealed record OnCall(string Function, Person Person, string Shift, DateTimeOffset Until)
{
    public OnCallRecipient ToRecipient() => new(Function, Person.Id, Person.Name, Shift);
}

/// <summary>Who is on call for each function at a given moment, from the roster's shifts in their time zones.</summary>
public sealed class Roster(RoutingConfig config)
{
    public IReadOnlyList<OnCall> OnCall(string function, DateTimeOffset at)
    {
        if (!config.Roster.Functions.TryGetValue(function, out var roster))
        {
            return [];
        }

        var found = new List<OnCall>();
        foreach (var shift in roster.Shifts)
        {
            var occurrence = ZonedTime.OccurrenceAt(at, shift.TimeZone, shift.Days, shift.From,
                (date, _) => ZonedTime.ToInstant(date + (shift.To > shift.From ? shift.To : shift.To + TimeSpan.FromDays(1)), shift.TimeZone),
                lookBackDays: 1);
            if (occurrence is { } o)
            {
                found.AddRange(shift.People
                    .Where(p => found.All(f => !string.Equals(f.Person.Id, p, StringComparison.OrdinalIgnoreCase)))
                    .Select(p => new OnCall(roster.Function, config.Roster.People[p], shift.Name, o.End)));
            }
        }

        return found;
    }

    /// <summary>The queues and webhooks that reach whoever is on call for the function.</summary>
    public IReadOnlyList<Destination> Channels(string function) =>
        config.Roster.Functions.TryGetValue(function, out var roster) ? roster.Channels : [];
}
