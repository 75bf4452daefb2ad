using System.Globalization;
using Correlation.Contracts;
using Correlation.Router.Maintenance;
using Correlation.Router.Projection;
using Correlation.Topology;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Correlation.Router.Tests.Maintenance;

public class MaintenanceCalendarTests
{
    private static readonly MaintenanceWindow SundayNights = new("sunday", "Sunday checks", "CHG-1", new MaintenanceScope([], ["york-asw-01"], []),
        null, null, new MaintenanceRecurrence("Europe/London", [DayOfWeek.Sunday], TimeSpan.FromHours(2), TimeSpan.FromHours(2)));

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static MaintenanceScopes Scopes() => new(new TopologyProvider(
        Options.Create(new TopologyOptions { CmdbPath = RouterHost.CmdbPath }), TimeProvider.System, NullLogger<TopologyProvider>.Instance));

    [TestCase("2026-07-05T01:00:00Z", true, Description = "02:00 BST, the start")]
    [TestCase("2026-07-05T02:59:59Z", true, Description = "03:59:59 BST")]
    [TestCase("2026-07-05T03:00:00Z", false, Description = "04:00 BST, the end")]
    [TestCase("2026-07-05T00:30:00Z", false, Description = "01:30 BST, before")]
    [TestCase("2026-01-04T02:30:00Z", true, Description = "02:30 GMT on a winter Sunday")]
    [TestCase("2026-01-04T01:30:00Z", false, Description = "01:30 GMT, before")]
    [TestCase("2026-01-05T02:30:00Z", false, Description = "a Monday")]
    public void A_recurring_window_opens_at_its_local_time_in_its_time_zone(string at, bool open) =>
        Assert.That(MaintenanceCalendar.Occurrence(SundayNights, Utc(at)) is not null, Is.EqualTo(open));

    [Test]
    public void An_occurrence_ends_after_its_duration()
    {
        var occurrence = MaintenanceCalendar.Occurrence(SundayNights, Utc("2026-07-05T02:00:00Z"))!;

        Assert.That(occurrence.Start, Is.EqualTo(Utc("2026-07-05T01:00:00Z")));
        Assert.That(occurrence.End, Is.EqualTo(Utc("2026-07-05T03:00:00Z")));
    }

    [Test]
    public void A_window_through_midnight_is_open_in_the_small_hours_of_the_next_day()
    {
        var window = SundayNights with { Recurrence = new("Europe/London", [DayOfWeek.Saturday], TimeSpan.FromHours(23), TimeSpan.FromHours(4)) };

        Assert.That(MaintenanceCalendar.Occurrence(window, Utc("2026-01-04T01:00:00Z")), Is.Not.Null);
        Assert.That(MaintenanceCalendar.Occurrence(window, Utc("2026-01-04T03:00:00Z")), Is.Null);
    }

    [Test]
    public void A_one_shot_window_is_open_between_its_start_and_end()
    {
        var window = SundayNights with { Recurrence = null, StartsAt = Utc("2026-03-01T22:00:00Z"), EndsAt = Utc("2026-03-02T02:00:00Z") };

        Assert.That(MaintenanceCalendar.Occurrence(window, Utc("2026-03-01T21:59:59Z")), Is.Null);
        Assert.That(MaintenanceCalendar.Occurrence(window, Utc("2026-03-01T23:00:00Z"))!.End, Is.EqualTo(window.EndsAt));
        Assert.That(MaintenanceCalendar.Occurrence(window, Utc("2026-03-02T02:00:00Z")), Is.Null);
    }

    [Test]
    public void A_recurring_window_runs_only_between_its_series_bounds()
    {
        var window = SundayNights with { StartsAt = Utc("2026-07-01T00:00:00Z"), EndsAt = Utc("2026-07-10T00:00:00Z") };

        Assert.That(MaintenanceCalendar.Occurrence(window, Utc("2026-07-05T01:30:00Z")), Is.Not.Null);
        Assert.That(MaintenanceCalendar.Occurrence(window, Utc("2026-07-12T01:30:00Z")), Is.Null);
    }

    [TestCase("york-asw-01", null, null, true, Description = "a device in scope, by id")]
    [TestCase("york-sw-01", null, null, true, Description = "the same device, by the alias alarms use")]
    [TestCase("york-asw-02", null, null, false, Description = "its neighbour")]
    public void A_device_scope_covers_that_device_only(string resource, string? site, string? service, bool covered) =>
        Assert.That(Scopes().Covers(new MaintenanceScope([], ["york-asw-01"], []), new MemberResource(resource, site, service)), Is.EqualTo(covered));

    [Test]
    public void A_site_scope_covers_every_device_at_the_site()
    {
        var scope = new MaintenanceScope(["york"], [], []);
        var scopes = Scopes();

        Assert.That(scopes.Covers(scope, new("york-rtr-01", null, null)), Is.True);
        Assert.That(scopes.Covers(scope, new("hull-rtr-01", null, null)), Is.False);
        Assert.That(scopes.Covers(scope, new("unknown-box", "york", null)), Is.True, "a resource the CMDB does not know, placed by its alarm");
    }

    [Test]
    public void A_service_scope_covers_the_devices_it_depends_on_also_through_other_services()
    {
        var scope = new MaintenanceScope([], [], ["payments"]);
        var scopes = Scopes();

        Assert.That(scopes.Covers(scope, new("ldn-pay-01", null, null)), Is.True);
        Assert.That(scopes.Covers(scope, new("ldn-fw-01", null, null)), Is.True, "payments needs internet-access, which needs the firewall");
        Assert.That(scopes.Covers(scope, new("leeds-pbx-01", null, null)), Is.False);
        Assert.That(scopes.Covers(scope, new("some-check", null, "payments")), Is.True, "an alarm about the service itself");
    }

    [Test]
    public void An_incident_partly_in_scope_is_not_held_and_its_other_members_are_flagged()
    {
        var open = MaintenanceCalendar.Occurrence(SundayNights, Utc("2026-07-05T01:30:00Z"))!;
        var scopes = Scopes();

        var inScope = scopes.Evaluate([new("york-asw-01", "york", null)], [open]);
        var partly = scopes.Evaluate([new("york-asw-01", "york", null), new("york-rtr-01", "york", null)], [open]);
        var outside = scopes.Evaluate([new("hull-rtr-01", "hull", null)], [open]);

        Assert.That(inScope.HeldBy?.Window.Id, Is.EqualTo("sunday"));
        Assert.That(partly.HeldBy, Is.Null);
        Assert.That(partly.OutOfScope.Select(o => o.Member.Resource), Is.EqualTo(new[] { "york-rtr-01" }));
        Assert.That(outside, Is.SameAs(MaintenanceVerdict.None));
    }
}
