using Correlation.Contracts;
using static Correlation.Triage.Tests.Scenario;

namespace Correlation.Triage.Tests.Planning;

/// <summary>UpdateChecklist through the triager, the checklist kept in Redis.</summary>
public class ChecklistTests
{
    private TriageRig _rig = null!;

    [SetUp]
    public async Task SetUpAsync() => _rig = await TriageRig.StartAsync();

    [TearDown]
    public async Task TearDownAsync() => await _rig.DisposeAsync();

    [Test]
    public async Task Each_change_publishes_the_plan_again_with_the_next_revision()
    {
        var id = Guid.NewGuid();
        await _rig.EventAsync(id, 1, YorkMplsDown());

        var ticked = (await _rig.ChecklistAsync(id, ChecklistChange.Tick, "impairment-1")).Planned.Single();
        var tickedAgain = await _rig.ChecklistAsync(id, ChecklistChange.Tick, "impairment-1");
        var added = (await _rig.ChecklistAsync(id, ChecklistChange.Add, text: "Call the carrier about the MPLS circuit")).Planned.Single();
        var dropped = (await _rig.ChecklistAsync(id, ChecklistChange.Drop, "impairment-2")).Planned.Single();
        var unknown = await _rig.ChecklistAsync(id, ChecklistChange.Drop, "impairment-2");

        Assert.Multiple(() =>
        {
            Assert.That(ticked.Revision, Is.EqualTo(2));
            Assert.That(ticked.Checklist[0], Is.EqualTo(ticked.Checklist[0] with { Done = true, DoneBy = "bob", DoneAt = Weekday }));
            Assert.That(tickedAgain.IsEmpty, Is.True);
            Assert.That(added.Revision, Is.EqualTo(3));
            Assert.That(added.Checklist[^1].Text, Is.EqualTo("Call the carrier about the MPLS circuit"));
            Assert.That(dropped.Checklist.Select(i => i.Id), Is.EqualTo(new[] { "impairment-1", "impairment-3", "impairment-4", "added-1" }));
            Assert.That(unknown.IsEmpty, Is.True);
        });
        var stored = (await _rig.Store.ReadAsync(id))!;
        Assert.That((stored.PlanRevision, stored.Plan!.Checklist.Count, stored.PlanSent), Is.EqualTo((4L, 4, true)));
    }

    [Test]
    public async Task A_category_change_makes_a_new_plan_that_keeps_what_people_added()
    {
        var id = Guid.NewGuid();
        await _rig.EventAsync(id, 1, YorkMplsDown());
        await _rig.ChecklistAsync(id, ChecklistChange.Add, text: "Ask York whether anything was unplugged");

        var outage = (await _rig.EventAsync(id, 2, YorkVpnDown())).Planned.Single();

        Assert.That((outage.Template, outage.Category, outage.Revision), Is.EqualTo(("outage", IncidentCategory.Outage, 3L)));
        Assert.That(outage.Checklist[^1].Text, Is.EqualTo("Ask York whether anything was unplugged"));
    }

    [Test]
    public async Task A_change_to_an_incident_without_a_plan_is_refused()
    {
        Assert.That((await _rig.ChecklistAsync(Guid.NewGuid(), ChecklistChange.Add, text: "x")).IsEmpty, Is.True);
    }
}
