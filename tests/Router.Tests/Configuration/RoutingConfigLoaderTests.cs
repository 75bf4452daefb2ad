using Correlation.Contracts;
using Correlation.Router.Configuration;
using Correlation.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Correlation.Router.Tests.Configuration;

public class RoutingConfigLoaderTests
{
    private static string Sample(string name) => Path.Combine(TestServers.RepositoryRoot(), "deploy", "config", name);

    private static RoutingConfigException Fails(params (string Path, string Text)[] files) =>
        Assert.Throws<RoutingConfigException>(() => RoutingConfigLoader.Parse(files))!;

    [Test]
    public void The_sample_routing_files_load()
    {
        var config = RoutingConfigLoader.Load([Sample("routing.yaml"), Sample("routing-roster.yaml"), Sample("routing-maintenance.yaml")]);

        Assert.That(config.Rules.Select(r => r.Name), Does.Contain("critical-outage").And.Contain("payments"));
        Assert.That(config.Webhooks.Keys, Is.EquivalentTo(new[] { "noc-slack", "noc-teams", "coordinator-pager" }));
        Assert.That(config.Webhooks["coordinator-pager"].Format, Is.EqualTo(WebhookFormat.PagerDuty));
        Assert.That(config.Roster.Functions.Keys, Does.Contain("incident-coordinator").And.Contain("vendor"));
        Assert.That(config.Roster.Functions["incident-coordinator"].Shifts[0].TimeZone.Id, Is.EqualTo("Europe/London"));
        Assert.That(config.Maintenance.Select(w => w.Id), Is.EquivalentTo(new[] { "hull-microwave-sunday", "payments-upgrade-2025" }));
        Assert.That(config.Escalation.AcknowledgeWithin[IncidentPriority.P1], Is.EqualTo(TimeSpan.FromMinutes(15)));
        Assert.That(config.Escalation.FollowUpEvery[IncidentPriority.P1], Is.EqualTo(TimeSpan.FromHours(1)));
    }

    [Test]
    public void Sections_no_file_gives_keep_the_built_in_defaults()
    {
        var config = RoutingConfigLoader.Parse([("only-rules.yaml", "rules:\n  - name: all\n    notify: [queue:everything]\n")]);

        Assert.That(config.Rules.Single().Destinations.Single(), Is.EqualTo(Destination.Queue("everything")));
        Assert.That(config.Escalation, Is.SameAs(RoutingConfigLoader.BuiltIn.Escalation));
        Assert.That(config.TeamTemplates[IncidentCategory.Outage], Does.Contain("incident-coordinator"));
    }

    [TestCase("rules:\n  - name: a\n    notify: [pager:x]\n", 3, "'pager:x' is not a destination")]
    [TestCase("rules:\n  - name: a\n    notify: [webhook:nowhere]\n", 3, "no webhook named 'nowhere'")]
    [TestCase("rules:\n  - name: a\n    when: { priority: P7 }\n    notify: [queue:q]\n", 3, "'P7' is not a priority")]
    [TestCase("rules:\n  - name: a\n    when: { colour: red }\n    notify: [queue:q]\n", 3, "unknown key 'colour'")]
    [TestCase("rules:\n  - name: a\n    notify: [function:janitor]\n", 3, "unknown function 'janitor'")]
    [TestCase("rules:\n  - name: a\n", 2, "has nothing to notify")]
    [TestCase("escalation:\n  acknowledgeWithin: { P1: 15 minutes }\n", 2, "'15 minutes' is not a duration")]
    [TestCase("roster:\n  timeZone: Mars/Olympus\n", 2, "'Mars/Olympus' is not a known time zone")]
    [TestCase("roster:\n  functions:\n    operations:\n      shifts:\n        - { name: day, from: \"08:00\", to: \"18:00\", people: [nobody] }\n", 5, "names 'nobody', who is not in roster.people")]
    [TestCase("webhooks:\n  - name: pd\n    format: pagerduty\n    url: https://events.pagerduty.com/v2/enqueue\n", 2, "needs a routingKey")]
    [TestCase("webhooks:\n  - name: w\n    url: ftp://example.com/x\n", 3, "is not an absolute http:// or https:// URL")]
    [TestCase("maintenance:\n  - id: m\n    scope: { sites: [york] }\n    start: 2026-01-02T00:00:00Z\n    end: 2026-01-01T00:00:00Z\n", 2, "ends before it starts")]
    [TestCase("maintenance:\n  - id: m\n    scope: { sites: [york] }\n    recurrence: { timeZone: Europe/London, days: [funday], start: \"02:00\", duration: 2h }\n", 4, "'funday' is not a day")]
    [TestCase("routes:\n  - a\n", 1, "unknown section 'routes'")]
    [TestCase("rules:\n  - name: a\n    notify: [queue:q\n", 4, "malformed YAML")]
    public void A_bad_file_is_reported_with_its_file_line_and_reason(string yaml, int line, string reason)
    {
        var error = Fails(("bad-routing.yaml", yaml));

        Assert.That(error.Problems, Has.Some.Matches<ConfigProblem>(p => p.Path == "bad-routing.yaml" && p.Line == line && p.Reason.Contains(reason, StringComparison.Ordinal)),
            string.Join("\n", error.Problems));
        Assert.That(error.Message, Does.Contain($"bad-routing.yaml:{line}:"));
    }

    [Test]
    public void A_section_may_live_in_one_file_only()
    {
        var error = Fails(("a.yaml", "fallback: [queue:a]\n"), ("b.yaml", "\nfallback: [queue:b]\n"));

        Assert.That(error.Problems.Single().ToString(), Does.StartWith("b.yaml:2:1: section 'fallback' is already given in a.yaml:1"));
    }

    [Test]
    public void Every_problem_is_reported_at_once()
    {
        var error = Fails(("r.yaml", "rules:\n  - name: a\n    notify: [pager:x]\n  - name: b\n    when: { priority: P9 }\n    notify: [queue:q]\n"));

        Assert.That(error.Problems.Select(p => p.Line), Is.EquivalentTo(new[] { 3, 5 }));
    }

    [Test]
    public async Task The_router_does_not_start_with_a_bad_file_and_says_where()
    {
        await using var redis = await RedisTestKeys.CreateAsync("router-cfg");

        var error = Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await RouterHost.StartAsync(redis, new FakeTimeProvider(), "rules:\n  - name: a\n    notify: [webhook:missing]\n");
        });

        Assert.That(error!.Message, Does.Contain("routing.yaml:3:").And.Contain("no webhook named 'missing'"));
    }

    [TestCase("90s", 90)]
    [TestCase("15m", 900)]
    [TestCase("1h30m", 5400)]
    [TestCase("2d", 172800)]
    [TestCase("01:30:00", 5400)]
    public void Durations_are_read_as_people_write_them(string text, int seconds)
    {
        Assert.That(Durations.TryParse(text, out var value), Is.True);
        Assert.That(value, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }
}
