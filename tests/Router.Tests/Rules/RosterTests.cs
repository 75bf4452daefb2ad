using Correlation.Router.Configuration;
using Correlation.Router.Rules;

namespace Correlation.Router.Tests.Rules;

public class RosterTests
{
    private const string Yaml = """
        roster:
          timeZone: Europe/London
          people:
            - { id: amira, name: Amira Khan }
            - { id: ben, name: Ben Walsh }
            - { id: chloe, name: Chloe Martin }
            - { id: kenji, name: Kenji Sato }
          functions:
            incident-coordinator:
              channels: [webhook:pager]
              shifts:
                - { name: day, from: "08:00", to: "20:00", people: [amira] }
                - { name: night, from: "20:00", to: "08:00", people: [ben] }
            operations:
              shifts:
                - { name: weekday, days: [mon, tue, wed, thu, fri], from: "09:00", to: "17:00", people: [chloe] }
            vendor:
              shifts:
                - { name: tokyo-desk, timeZone: Asia/Tokyo, from: "09:00", to: "18:00", people: [kenji] }
        webhooks:
          - { name: pager, url: "https://pager.example.com/" }
        """;

    private static readonly Roster Roster = new(RoutingConfigLoader.Parse([("roster.yaml", Yaml)]));

    private static string? Who(string function, string utc) =>
        Roster.OnCall(function, DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)).SingleOrDefault()?.Person.Id;

    [Test]
    public void A_function_is_filled_by_whoever_the_shift_in_its_time_zone_puts_on_call()
    {
        // 07:30 UTC is 08:30 in London in summer (day shift) but 07:30 in winter (still the night shift).
        Assert.That(Who("incident-coordinator", "2026-07-01T07:30:00Z"), Is.EqualTo("amira"));
        Assert.That(Who("incident-coordinator", "2026-01-14T07:30:00Z"), Is.EqualTo("ben"));
    }

    [Test]
    public void A_shift_past_midnight_covers_the_small_hours_and_ends_in_the_morning()
    {
        var onCall = Roster.OnCall("incident-coordinator", DateTimeOffset.Parse("2026-01-15T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture)).Single();

        Assert.That(onCall.Person.Name, Is.EqualTo("Ben Walsh"));
        Assert.That(onCall.Shift, Is.EqualTo("night"));
        Assert.That(onCall.Until, Is.EqualTo(DateTimeOffset.Parse("2026-01-15T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void A_shift_on_weekdays_leaves_the_function_unfilled_at_the_weekend()
    {
        Assert.That(Who("operations", "2026-03-04T10:00:00Z"), Is.EqualTo("chloe"));
        Assert.That(Who("operations", "2026-03-07T10:00:00Z"), Is.Null);
    }

    [Test]
    public void A_shift_can_keep_its_own_time_zone()
    {
        Assert.That(Who("vendor", "2026-03-04T01:00:00Z"), Is.EqualTo("kenji"));
        Assert.That(Who("vendor", "2026-03-04T10:00:00Z"), Is.Null);
    }

    [Test]
    public void A_function_is_reached_through_its_channels() =>
        Assert.That(Roster.Channels("incident-coordinator").Single(), Is.EqualTo(Destination.Webhook("pager")));

    [Test]
    public void An_unrostered_function_has_nobody_on_call() =>
        Assert.That(Roster.OnCall("communications", DateTimeOffset.UnixEpoch), Is.Empty);
}
