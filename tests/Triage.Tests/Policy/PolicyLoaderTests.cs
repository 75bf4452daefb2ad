using Correlation.Contracts;
using Correlation.Triage.Policy;

namespace Correlation.Triage.Tests.Policy;

public class PolicyLoaderTests
{
    private static IReadOnlyList<PolicyProblem> Problems(string yaml)
    {
        var error = Assert.Throws<TriagePolicyException>(() => PolicyLoader.Load(yaml, "policy.yaml", PolicyLoader.BuiltIn))!;
        return error.Problems;
    }

    [Test]
    public void The_built_in_policy_covers_every_category()
    {
        var policy = PolicyLoader.BuiltIn;

        Assert.That(policy.Source, Is.EqualTo(PolicyLoader.BuiltInSource));
        Assert.That(policy.TimeZone, Is.EqualTo(TimeZoneInfo.Utc));
        Assert.That(Enum.GetValues<IncidentCategory>().Select(c => policy.Checklists.Count(t => t.Categories.Contains(c))), Has.All.GreaterThan(0));
        Assert.That(policy.Base[^1].When, Is.EqualTo(Condition.Always), "the last base rule catches everything");
    }

    [Test]
    public void The_sample_file_loads()
    {
        var policy = PolicyLoader.LoadFile(Scenario.SamplePolicyPath);

        Assert.That(policy.TimeZone.Id, Is.EqualTo("Europe/London"));
        Assert.That(policy.Calendars.Keys, Is.EquivalentTo(new[] { "peak-trading", "weekend" }));
        Assert.That(policy.Adjustments.Select(a => a.Name), Does.Contain("peak trading"));
        Assert.That(policy.Watch.Customers, Does.Contain("retail-partners"));
        Assert.That(policy.Checklists[0].Name, Is.EqualTo("microwave-outage"));
    }

    [Test]
    public void Sections_left_out_come_from_the_built_in_policy()
    {
        var policy = PolicyLoader.Load("watch: { raise: 2, sites: [hull] }", "policy.yaml", PolicyLoader.BuiltIn);

        Assert.That(policy.Watch.Raise, Is.EqualTo(2));
        Assert.That(policy.Base, Is.EqualTo(PolicyLoader.BuiltIn.Base));
        Assert.That(policy.Checklists, Is.EqualTo(PolicyLoader.BuiltIn.Checklists));
        Assert.That(policy.Classification, Is.EqualTo(PolicyLoader.BuiltIn.Classification));
    }

    [Test]
    public void A_template_list_without_a_catch_all_for_a_category_keeps_the_built_in_one()
    {
        var policy = PolicyLoader.Load("""
            checklists:
              - name: everything
                category: [outage, impairment]
                items: [Look]
            """, "policy.yaml", PolicyLoader.BuiltIn);

        Assert.That(policy.Checklists.Select(t => t.Name), Is.EqualTo(new[] { "everything", "informational" }));
    }

    [TestCase("priority:\n  base:\n    - name: x\n      priority: P5\n", 4, 17, "priority must be P1, P2, P3 or P4, not 'P5'")]
    [TestCase("time-zone: Mars/Olympus\n", 1, 12, "unknown time zone 'Mars/Olympus'")]
    [TestCase("watch:\n  raise: 1\n  customer: [acme]\n", 3, 3, "unknown key 'customer' in watch (expected raise, customers, services, sites, devices)")]
    [TestCase("priority:\n  adjustments:\n    - name: x\n      when: { calendar: peak }\n      raise: 1\n", 4, 25, "no calendar named 'peak' (calendars: none)")]
    [TestCase("priority:\n  adjustments:\n    - name: x\n      when: { hours: \"8-18\" }\n      raise: 1\n", 4, 22, "hours are written 'HH:mm-HH:mm'")]
    [TestCase("priority:\n  adjustments:\n    - name: x\n      raise: 1\n      lower: 1\n", 3, 7, "exactly one of 'raise' or 'lower'")]
    [TestCase("priority:\n  adjustments:\n    - name: x\n      raise: 5\n", 4, 14, "raise must be a whole number from 1 to 3, not '5'")]
    [TestCase("calendars:\n  peak: { dates: [2026-13-01] }\n", 2, 19, "a date is written yyyy-MM-dd")]
    [TestCase("checklists:\n  - name: x\n    category: outage\n    elements: [microwave]\n    items: [a]\n", 4, 16, "unknown element 'microwave'")]
    [TestCase("classification:\n  impairment-min-severity: severe\n", 2, 28, "unknown severity 'severe'")]
    [TestCase("priority:\n  base:\n    - name: x\n      when: { category: outages }\n      priority: P1\n", 4, 25, "unknown category 'outages'")]
    [TestCase("watch: [a, b]\n", 1, 8, "watch must be a mapping")]
    [TestCase("watch:\n  raise: 1\n   sites: [york]\n", 3, 9, "malformed YAML")]
    [TestCase("watch: {}\nwatch: {}\n", 2, 1, "malformed YAML")]
    public void A_bad_file_is_reported_with_its_line_column_and_reason(string yaml, int line, int column, string reason)
    {
        var problems = Problems(yaml);

        Assert.That(problems, Has.Some.Matches<PolicyProblem>(p => p.Path == "policy.yaml" && p.Line == line && p.Column == column && p.Message.Contains(reason, StringComparison.Ordinal)),
            string.Join("\n", problems));
    }

    [Test]
    public void Every_problem_is_reported_at_once_in_compiler_form()
    {
        var error = Assert.Throws<TriagePolicyException>(() => PolicyLoader.Load("""
            time-zone: Nowhere/Land
            watch: { raise: 9 }
            """, "/etc/triage.yaml", PolicyLoader.BuiltIn))!;

        Assert.That(error.Problems, Has.Count.EqualTo(2));
        Assert.That(error.Message, Does.Contain("/etc/triage.yaml:1:12: unknown time zone 'Nowhere/Land'"));
        Assert.That(error.Message, Does.Contain("/etc/triage.yaml:2:17: raise must be a whole number from 0 to 3, not '9'"));
    }

    [Test]
    public void A_missing_file_is_named()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".yaml");

        var error = Assert.Throws<TriagePolicyException>(() => PolicyLoader.LoadFile(path))!;

        Assert.That(error.Message, Does.Contain(path).And.Contain("cannot read the policy"));
    }
}
