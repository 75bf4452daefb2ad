using Correlation.Contracts;
using Correlation.Router.Configuration;
using Correlation.Router.Rules;

namespace Correlation.Router.Tests.Rules;

public class RoutingRulesTests
{
    private const string Yaml = """
        rules:
          - name: watched
            when: { watched: true }
            notify: [function:customer-liaison]
          - name: payments
            when: { service: [payments] }
            notify: [function:vendor]
          - name: leeds
            when: { site: leeds }
            notify: [queue:leeds-noc]
          - name: south
            when: { region: south }
            notify: [queue:south-noc]
          - name: voice
            when: { team: voice }
            notify: [webhook:voice-team]
          - name: impairments
            when: { category: impairment }
            notify: [function:operations]
          - name: critical
            when: { priority: [P1] }
            notify: [function:incident-coordinator]
            stop: true
          - name: after-critical
            when: { priority: [P1, P2] }
            notify: [queue:never-for-p1]
        fallback: [queue:noc-low]
        webhooks:
          - name: voice-team
            url: https://voice.example.com/hook
        """;

    private static readonly RoutingRules Rules = new(RoutingConfigLoader.Parse([("rules.yaml", Yaml)]));

    private static IncidentTriaged Triage(IncidentPriority priority = IncidentPriority.P3, IncidentCategory category = IncidentCategory.Outage,
        string? site = "york", string? region = "north", string[]? services = null, string[]? teams = null, bool watched = false) =>
        Messages.Triaged(Guid.NewGuid(), 1, priority, DateTimeOffset.UnixEpoch, category, site, region, services, teams, watched);

    private static IEnumerable<string> Destinations(IncidentTriaged triage) => Rules.Decide(triage).Destinations.Select(d => d.ToString());

    [Test]
    public void A_priority_rule_matches_its_priorities() =>
        Assert.That(Destinations(Triage(IncidentPriority.P1)), Does.Contain("function:incident-coordinator"));

    [Test]
    public void A_service_rule_matches_any_impacted_service() =>
        Assert.That(Destinations(Triage(services: ["email", "payments"])), Does.Contain("function:vendor"));

    [Test]
    public void A_site_rule_matches_the_incident_site()
    {
        Assert.That(Destinations(Triage(site: "leeds")), Does.Contain("queue:leeds-noc"));
        Assert.That(Destinations(Triage(site: "york")), Does.Not.Contain("queue:leeds-noc"));
    }

    [Test]
    public void A_region_rule_matches_the_incident_region() =>
        Assert.That(Destinations(Triage(site: "bristol", region: "south")), Does.Contain("queue:south-noc"));

    [Test]
    public void A_team_rule_matches_any_owning_team() =>
        Assert.That(Destinations(Triage(teams: ["network-infrastructure", "voice"])), Does.Contain("webhook:voice-team"));

    [Test]
    public void A_category_rule_matches_the_category()
    {
        Assert.That(Destinations(Triage(category: IncidentCategory.Impairment)), Does.Contain("function:operations"));
        Assert.That(Destinations(Triage(category: IncidentCategory.Outage)), Does.Not.Contain("function:operations"));
    }

    [Test]
    public void A_watched_rule_matches_watched_incidents() =>
        Assert.That(Destinations(Triage(watched: true)), Does.Contain("function:customer-liaison"));

    [Test]
    public void Every_matching_rule_adds_its_destinations_until_one_stops()
    {
        var decision = Rules.Decide(Triage(IncidentPriority.P1, site: "leeds", services: ["payments"]));

        Assert.That(decision.Rules, Is.EqualTo(new[] { "payments", "leeds", "critical" }));
        Assert.That(decision.Destinations.Select(d => d.ToString()), Does.Not.Contain("queue:never-for-p1"));
        Assert.That(decision.Reason, Does.StartWith("P1 outage: rules payments (service payments); leeds (site leeds); critical (priority P1)"));
    }

    [Test]
    public void With_no_matching_rule_the_fallback_applies()
    {
        var decision = Rules.Decide(Triage(IncidentPriority.P4, site: null, region: null));

        Assert.That(decision.Destinations.Select(d => d.ToString()), Is.EqualTo(new[] { "queue:noc-low" }));
        Assert.That(decision.Reason, Does.Contain("no rule matched"));
    }

    [TestCase(IncidentPriority.P1, "function:incident-coordinator")]
    [TestCase(IncidentPriority.P2, "function:network-infrastructure")]
    [TestCase(IncidentPriority.P3, "queue:noc-medium")]
    [TestCase(IncidentPriority.P4, "queue:noc-low")]
    public void Without_routing_files_each_priority_goes_where_it_always_did(IncidentPriority priority, string destination)
    {
        var decision = new RoutingRules(RoutingConfigLoader.BuiltIn).Decide(Triage(priority));

        Assert.That(decision.Destinations.Select(d => d.ToString()), Does.Contain(destination));
        Assert.That(decision.Reason, Does.StartWith(priority.ToString()));
    }
}
