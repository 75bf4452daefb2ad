using Correlation.Contracts;
using Correlation.Router.Escalation;
using Correlation.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Correlation.Router.Tests.Teams;

public class TeamTests
{
    private const string Yaml = """
        rules:
          - name: all
            notify: [function:incident-coordinator]
        teams:
          outage: [incident-coordinator, network-infrastructure]
          impairment: [network-infrastructure]
        roster:
          timeZone: Europe/London
          people:
            - { id: amira, name: Amira Khan }
            - { id: ben, name: Ben Walsh }
            - { id: chloe, name: Chloe Martin }
          functions:
            incident-coordinator:
              shifts:
                - { name: day, from: "08:00", to: "20:00", people: [amira] }
                - { name: night, from: "20:00", to: "08:00", people: [ben] }
            network-infrastructure:
              shifts:
                - { name: weekday, days: [mon, tue, wed, thu, fri], from: "09:00", to: "17:00", people: [chloe] }
        """;

    // A winter evening: London is on UTC.
    private static readonly DateTimeOffset T0 = new(2026, 1, 14, 19, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task An_incident_gets_a_team_from_its_category_template_and_hands_over_at_shift_end_keeping_the_history()
    {
        await using var redis = await RedisTestKeys.CreateAsync("router-team");
        var clock = new FakeTimeProvider(T0);
        await using var host = await RouterHost.StartAsync(redis, clock, Yaml);
        var id = Guid.NewGuid();
        await host.PublishAsync(Messages.Opened(id, "leeds-asw-01", "leeds", T0));
        await host.PublishAsync(Messages.Triaged(id, 1, IncidentPriority.P1, T0));

        var formed = host.Published<IncidentTeamChanged>().Single(t => t.IncidentId == id);
        Assert.Multiple(() =>
        {
            Assert.That(formed.Template, Is.EqualTo("outage"));
            Assert.That(formed.Joined.Select(m => (m.Function, m.PersonId, m.Shift)), Is.EqualTo(new[] { ("incident-coordinator", "amira", "day") }));
            Assert.That(formed.Unfilled, Is.EqualTo(new[] { "network-infrastructure" }), "nobody is on call for it in the evening");
            Assert.That(host.Published<IncidentRouted>().Single(r => r.IncidentId == id).Recipients.Single().Name, Is.EqualTo("Amira Khan"));
        });
        Assert.That(await host.Timers.DueAsync(id, TimerKind.Handover), Is.EqualTo(T0 + TimeSpan.FromHours(1)));

        clock.SetUtcNow(T0 + TimeSpan.FromHours(1));
        await host.SweepTimersAsync();

        var handover = host.Published<IncidentTeamChanged>().Where(t => t.IncidentId == id).ToList()[^1];
        Assert.Multiple(() =>
        {
            Assert.That(handover.Reason, Is.EqualTo("shift hand-over"));
            Assert.That(handover.Left.Single().PersonId, Is.EqualTo("amira"));
            Assert.That(handover.Left.Single().LeftAt, Is.EqualTo(T0 + TimeSpan.FromHours(1)));
            Assert.That(handover.Joined.Single().PersonId, Is.EqualTo("ben"));
            Assert.That(handover.Members.Select(m => (m.PersonId, m.JoinedAt, m.LeftAt)), Is.EqualTo(new (string, DateTimeOffset, DateTimeOffset?)[]
            {
                ("amira", T0, T0 + TimeSpan.FromHours(1)),
                ("ben", T0 + TimeSpan.FromHours(1), null),
            }));
        });
        Assert.That(await host.Timers.DueAsync(id, TimerKind.Handover), Is.EqualTo(new DateTimeOffset(2026, 1, 15, 8, 0, 0, TimeSpan.Zero)));

        // Resolved: whoever is still on it leaves; the history stays.
        await host.PublishAsync(Messages.Resolved(id, 2, 1, "leeds-asw-01", "leeds", T0, clock.GetUtcNow()));
        var closed = host.Published<IncidentTeamChanged>().Where(t => t.IncidentId == id).ToList()[^1];
        Assert.That(closed.Left.Single().PersonId, Is.EqualTo("ben"));
        Assert.That(closed.Members, Has.Count.EqualTo(2).And.All.Matches<TeamMember>(m => m.LeftAt is not null));
        Assert.That(await host.Timers.DueAsync(id, TimerKind.Handover), Is.Null);
    }
}
