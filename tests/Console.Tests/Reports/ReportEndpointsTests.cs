using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Correlation.Contracts;
using Correlation.Testing;

namespace Correlation.Console.Tests.Reports;

/// <summary>The patterns report, the throughput series and maintenance through the console's API.</summary>
public class ReportEndpointsTests
{
    private ConsoleHost _host = null!;
    private HttpClient _ada = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _host = await ConsoleHost.StartAsync("console-reports");
        _ada = _host.Client(ConsoleHost.AdminToken);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        _ada.Dispose();
        await _host.DisposeAsync();
    }

    /// <summary>An incident at <paramref name="site"/> resolved <paramref name="daysAgo"/> days before the report's end, with a root cause when given.</summary>
    private async Task ResolvedAsync(string site, int daysAgo, RootCause? cause, string? probableCause = null)
    {
        var id = Guid.NewGuid();
        var resolvedAt = Events.Opened.AddDays(-daysAgo);
        if (cause is not null)
        {
            await _host.PublishAsync(new IncidentRootCauseRecorded(id, cause, "olga", resolvedAt));
        }

        await _host.PublishAsync(new IncidentOpened(Events.Snapshot(id, 1, site, probableCause: probableCause) with { OpenedAt = resolvedAt.AddHours(-1) },
            Events.Alarm(site)));
        await _host.PublishAndWaitAsync(new IncidentResolved(
                Events.Snapshot(id, 2, site, state: IncidentState.Resolved, probableCause: probableCause) with { OpenedAt = resolvedAt.AddHours(-1), UpdatedAt = resolvedAt },
                Events.Alarm(site, status: AlarmStatus.Cleared)),
            id, d => d.GetProperty("incident").GetProperty("state").GetString() == "Resolved"
                && (cause is null || d.GetProperty("rootCause").ValueKind == JsonValueKind.Object), "the resolved incident");
    }

    [Test]
    public async Task The_same_circuit_failing_three_times_in_a_month_is_a_pattern_and_so_are_its_site_and_cause()
    {
        var fibre = new RootCause("circuit LDS-YRK-01", "fibre cut", "third-party", null);
        await ResolvedAsync("leeds", 2, fibre);
        await ResolvedAsync("leeds", 9, fibre with { Element = "Circuit LDS-YRK-01 " });
        await ResolvedAsync("leeds", 20, null, probableCause: "circuit LDS-YRK-01");
        await ResolvedAsync("york", 5, new RootCause("device york-asw-01", "PSU failure", "hardware", null));
        await ResolvedAsync("leeds", 45, fibre); // outside the month

        var to = Uri.EscapeDataString(Events.Opened.ToString("O"));
        var from = Uri.EscapeDataString(Events.Opened.AddDays(-30).ToString("O"));
        var report = await _ada.GetFromJsonAsync<JsonElement>($"/api/v1/reports/patterns?from={from}&to={to}");

        Assert.That(report.GetProperty("resolvedIncidents").GetInt32(), Is.EqualTo(4));
        Assert.That(report.GetProperty("withRootCause").GetInt32(), Is.EqualTo(3));
        var element = report.GetProperty("elements").EnumerateArray().Single();
        Assert.That(element.GetProperty("key").GetString(), Is.EqualTo("circuit LDS-YRK-01").IgnoreCase);
        Assert.That(element.GetProperty("count").GetInt32(), Is.EqualTo(3));
        Assert.That(element.GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("site").GetString()), Has.All.EqualTo("leeds"));
        Assert.That(report.GetProperty("sites").EnumerateArray().Select(s => (s.GetProperty("key").GetString(), s.GetProperty("count").GetInt32())),
            Is.EqualTo(new[] { ("leeds", 3) }));
        Assert.That(report.GetProperty("causeCategories").EnumerateArray(), Is.Empty, "third-party twice is below three");

        var twice = await _ada.GetFromJsonAsync<JsonElement>($"/api/v1/reports/patterns?from={from}&to={to}&minOccurrences=2");
        Assert.That(twice.GetProperty("causeCategories").EnumerateArray().Select(s => s.GetProperty("key").GetString()), Is.EqualTo(new[] { "third-party" }));
        Assert.That((await _ada.GetAsync("/api/v1/reports/patterns?minOccurrences=1")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await _ada.GetAsync($"/api/v1/reports/patterns?from={to}&to={from}")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task A_reopened_incident_leaves_the_closures_until_it_is_resolved_again()
    {
        await ResolvedAsync("hull", 1, null, probableCause: "link hull-microwave");
        var reopened = (await _ada.GetFromJsonAsync<JsonElement>("/api/v1/incidents?state=resolved&site=hull"))[0].GetProperty("id").GetGuid();
        await _host.PublishAndWaitAsync(new IncidentReopened(Events.Snapshot(reopened, 3, "hull"), "olga", null, Events.Opened), reopened,
            d => d.GetProperty("incident").GetProperty("state").GetString() == "Open", "the reopen");

        var to = Uri.EscapeDataString(Events.Opened.ToString("O"));
        var report = await _ada.GetFromJsonAsync<JsonElement>($"/api/v1/reports/patterns?to={to}&minOccurrences=2");

        Assert.That(report.GetProperty("resolvedIncidents").GetInt32(), Is.Zero);
    }

    [Test]
    public async Task Throughput_counts_alarms_incidents_compression_and_backlog_per_minute()
    {
        var id = await _host.OpenAsync(members: 3);
        await _host.Web.Services.GetRequiredService<Throughput.ThroughputStore>().SampleBacklogAsync(TimeSpan.FromHours(1));

        var points = await Eventually.ReturnsAsync(() => _ada.GetFromJsonAsync<JsonElement>("/api/v1/reports/throughput?minutes=5"),
            p => p.EnumerateArray().Sum(m => m.GetProperty("alarms").GetInt64()) == 3, TimeSpan.FromSeconds(10), "three alarms counted");
        var minute = points.EnumerateArray().Single(m => m.GetProperty("alarms").GetInt64() > 0);

        Assert.That(points.GetArrayLength(), Is.EqualTo(5));
        Assert.That(minute.GetProperty("incidents").GetInt64(), Is.EqualTo(1));
        Assert.That(minute.GetProperty("compression").GetDouble(), Is.EqualTo(3.0));
        Assert.That(minute.GetProperty("latencyMaxMs").GetInt64(), Is.GreaterThan(0));
        Assert.That(points.EnumerateArray().Last().GetProperty("open").GetInt64(), Is.EqualTo(1));
        Assert.That(points.EnumerateArray().Last().GetProperty("unacknowledged").GetInt64(), Is.EqualTo(1));
        Assert.That(id, Is.Not.EqualTo(Guid.Empty));
        Assert.That((await _ada.GetAsync("/api/v1/reports/throughput?minutes=0")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Dead_letters_recorded_by_any_service_are_listed_newest_first_and_paged()
    {
        var ledger = _host.Web.Services.GetRequiredService<ServiceDefaults.DeadLetterLedger>();
        var first = Guid.NewGuid();
        await ledger.RecordAsync("triage-incident", "TriageIncidentConsumer", "IncidentOpened", 1, first, new InvalidOperationException("no snapshot"));
        await ledger.RecordAsync("correlator", "CorrelatorConsumer", "AlarmsReceived", 500, null,
            new AggregateException(new FormatException("an alarm with no source\n   at the stack")));

        var page = await _ada.GetFromJsonAsync<JsonElement>("/api/v1/reports/dead-letters?limit=1");
        var newest = page.GetProperty("items").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(page.GetProperty("total").GetInt64(), Is.EqualTo(2));
            Assert.That(newest.GetProperty("queue").GetString(), Is.EqualTo("correlator"));
            Assert.That(newest.GetProperty("messageType").GetString(), Is.EqualTo("AlarmsReceived"));
            Assert.That(newest.GetProperty("count").GetInt64(), Is.EqualTo(500));
            Assert.That(newest.GetProperty("errorType").GetString(), Is.EqualTo("System.FormatException"), "the one failure inside the aggregate");
            Assert.That(newest.GetProperty("error").GetString(), Is.EqualTo("an alarm with no source"));
        });
        var next = await _ada.GetFromJsonAsync<JsonElement>("/api/v1/reports/dead-letters?before=" + newest.GetProperty("id").GetString());
        var older = next.GetProperty("items").EnumerateArray().Single();
        Assert.That((older.GetProperty("consumer").GetString(), older.GetProperty("messageId").GetGuid()), Is.EqualTo(("TriageIncidentConsumer", first)));
        Assert.That((await _ada.GetAsync("/api/v1/reports/dead-letters?limit=0")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await _ada.GetAsync("/api/v1/reports/dead-letters?before=yesterday")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task An_admin_schedules_and_cancels_maintenance_which_is_published_for_the_router()
    {
        var window = new
        {
            id = "leeds-core-upgrade",
            name = "Leeds core upgrade",
            changeReference = "CHG-1234",
            scope = new { sites = new[] { "leeds" } },
            startsAt = Events.Opened,
            endsAt = Events.Opened.AddHours(4),
        };

        var scheduled = await _ada.PostAsJsonAsync("/api/v1/maintenance", window);
        var listed = await _ada.GetFromJsonAsync<JsonElement>("/api/v1/maintenance");
        var cancelled = await _ada.DeleteAsync("/api/v1/maintenance/leeds-core-upgrade");

        Assert.That(scheduled.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await _host.Harness.Published.Any<ScheduleMaintenance>(m => m.Context.Message.Window.Id == "leeds-core-upgrade"
            && m.Context.Message.Window.Scope.Sites.SequenceEqual(new[] { "leeds" }) && m.Context.Message.By == "ada"), Is.True);
        Assert.That(listed[0].GetProperty("window").GetProperty("changeReference").GetString(), Is.EqualTo("CHG-1234"));
        Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await _host.Harness.Published.Any<CancelMaintenance>(m => m.Context.Message.WindowId == "leeds-core-upgrade"), Is.True);
        Assert.That((await _ada.GetFromJsonAsync<JsonElement>("/api/v1/maintenance")).GetArrayLength(), Is.Zero);

        async Task FieldAsync(object body, string field)
        {
            var response = await _ada.PostAsJsonAsync("/api/v1/maintenance", body);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), field);
            Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), Is.True, field);
        }

        await FieldAsync(new { name = "x", scope = new { sites = new[] { "leeds" } }, startsAt = Events.Opened, endsAt = Events.Opened.AddHours(1) }, "id");
        await FieldAsync(new { id = "w", name = "x", scope = new { }, startsAt = Events.Opened, endsAt = Events.Opened.AddHours(1) }, "scope");
        await FieldAsync(new { id = "w", name = "x", scope = new { devices = new[] { "sw1" } }, startsAt = Events.Opened, endsAt = Events.Opened }, "endsAt");
        await FieldAsync(new { id = "w", name = "x", scope = new { devices = new[] { "sw1" } },
            recurrence = new { timeZone = "Mars/Olympus", startTime = "02:00:00", duration = "04:00:00" } }, "recurrence.timeZone");
    }
}
