using Correlation.Contracts;
using Correlation.Triage.Planning;
using Correlation.Triage.Policy;
using static Correlation.Triage.Tests.Scenario;

namespace Correlation.Triage.Tests.Planning;

public class ActionPlannerTests
{
    private static readonly TriagePolicy Sample = PolicyLoader.LoadFile(SamplePolicyPath);

    private static PlanState Plan(string template, params string[] items) =>
        ActionPlanner.Make(null, new ChecklistTemplate(template, new HashSet<IncidentCategory> { IncidentCategory.Outage }, new HashSet<string>(), items),
            IncidentCategory.Outage, [], Weekday);

    private static UpdateChecklist Change(ChecklistChange change, string? item = null, string? text = null) =>
        new(Guid.NewGuid(), change, item, text, "bob", Weekday.AddMinutes(5));

    [Test]
    public void The_template_follows_the_failed_element()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ActionPlanner.TemplateFor(Sample, Assess(SampleCmdb.Value, null, Alarm("leeds-mw-01", "link_down", instance: "hull-microwave"))).Name,
                Is.EqualTo("microwave-outage"));
            Assert.That(ActionPlanner.TemplateFor(Sample, Assess(SampleCmdb.Value, null, Alarm("leeds-cr-01", "link_down", instance: "bradford-uplink"))).Name,
                Is.EqualTo("link-outage"));
            Assert.That(ActionPlanner.TemplateFor(Sample, Assess(SampleCmdb.Value, "site york", Alarm("york-asw-01", "device_unreachable"))).Name,
                Is.EqualTo("site-outage"));
            Assert.That(ActionPlanner.TemplateFor(Sample, Assess(SampleCmdb.Value, null, YorkMplsDown())).Name, Is.EqualTo("redundancy-lost"));
            Assert.That(ActionPlanner.TemplateFor(Sample, Assess(SampleCmdb.Value, null, Alarm("ldn-pay-01", "host_down"))).Name, Is.EqualTo("outage"));
            Assert.That(ActionPlanner.TemplateFor(Sample, Assess(SampleCmdb.Value, null, Alarm("york-asw-01", "config_change"))).Name, Is.EqualTo("informational"));
        });
    }

    [Test]
    public void Items_are_ticked_unticked_added_and_dropped()
    {
        var plan = Plan("t", "one", "two");

        var ticked = ActionPlanner.Apply(plan, Change(ChecklistChange.Tick, "t-1")).Plan!;
        var added = ActionPlanner.Apply(ticked, Change(ChecklistChange.Add, text: "Call the carrier")).Plan!;
        var dropped = ActionPlanner.Apply(added, Change(ChecklistChange.Drop, "t-2")).Plan!;
        var unticked = ActionPlanner.Apply(dropped, Change(ChecklistChange.Untick, "t-1")).Plan!;

        Assert.Multiple(() =>
        {
            Assert.That(ticked.Checklist[0], Is.EqualTo(new ChecklistItem("t-1", "one", true, "bob", Weekday.AddMinutes(5))));
            Assert.That(added.Checklist[^1], Is.EqualTo(new ChecklistItem("added-1", "Call the carrier", false, null, null)));
            Assert.That(dropped.Checklist.Select(i => i.Id), Is.EqualTo(new[] { "t-1", "added-1" }));
            Assert.That(unticked.Checklist[0], Is.EqualTo(new ChecklistItem("t-1", "one", false, null, null)));
            Assert.That(ActionPlanner.Apply(unticked, Change(ChecklistChange.Add, text: "Another")).Plan!.Checklist[^1].Id, Is.EqualTo("added-2"),
                "ids are never reused");
        });
    }

    [TestCase(ChecklistChange.Tick, "t-9", null, "no item 't-9'")]
    [TestCase(ChecklistChange.Untick, "t-1", null, "item 't-1' is already unticked")]
    [TestCase(ChecklistChange.Add, null, " ", "an added item needs text")]
    [TestCase(ChecklistChange.Add, null, "ONE", "'ONE' is already on the checklist")]
    [TestCase(ChecklistChange.Drop, "nope", null, "no item 'nope'")]
    public void A_change_that_changes_nothing_is_refused_with_why(ChecklistChange change, string? item, string? text, string why)
    {
        var (plan, refused) = ActionPlanner.Apply(Plan("t", "one"), Change(change, item, text));

        Assert.That(plan, Is.Null);
        Assert.That(refused, Is.EqualTo(why));
    }

    [Test]
    public void A_new_template_keeps_added_items_and_ticks_on_the_steps_it_repeats()
    {
        var old = Plan("old", "Confirm the outage", "Engage the carrier");
        old = ActionPlanner.Apply(old, Change(ChecklistChange.Tick, "old-1")).Plan!;
        old = ActionPlanner.Apply(old, Change(ChecklistChange.Tick, "old-2")).Plan!;
        old = ActionPlanner.Apply(old, Change(ChecklistChange.Add, text: "Ask York for a photo of the router")).Plan!;
        var template = new ChecklistTemplate("new", new HashSet<IncidentCategory> { IncidentCategory.Impairment }, new HashSet<string>(),
            ["Confirm the outage", "Check the spare path"]);

        var made = ActionPlanner.Make(old, template, IncidentCategory.Impairment, [], Weekday.AddHours(1));

        Assert.That(made.Checklist, Is.EqualTo(new[]
        {
            new ChecklistItem("new-1", "Confirm the outage", true, "bob", Weekday.AddMinutes(5)),
            new ChecklistItem("new-2", "Check the spare path", false, null, null),
            new ChecklistItem("added-1", "Ask York for a photo of the router", false, null, null),
        }));
        Assert.That((made.Template, made.Category, made.NextAdded), Is.EqualTo(("new", IncidentCategory.Impairment, 2)));
    }
}
