using Correlation.Contracts;
using Correlation.ServiceDefaults;
using Correlation.Testing;
using Correlation.Triage.Priority;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Correlation.Triage.Tests.Priority;

/// <summary>The triager with its store on the real Redis.</summary>
public class IncidentTriagerTests
{
    private RedisTestKeys _redis = null!;
    private IncidentTriager _triager = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _redis = await RedisTestKeys.CreateAsync("triage");
        var store = new TriageStore(_redis.Connection, _redis.Options);
        _triager = new IncidentTriager(new PriorityPolicy(), store, new FakeTimeProvider(DateTimeOffset.UnixEpoch));
    }

    [TearDown]
    public async Task TearDownAsync() => await _redis.DisposeAsync();

    [Test]
    public async Task The_first_decision_is_announced_with_no_previous_priority()
    {
        var incident = PriorityPolicyTests.Incident(AlarmSeverity.Major);

        var triaged = await _triager.TriageAsync(incident);

        Assert.That(triaged, Is.Not.Null);
        Assert.That((triaged!.Priority, triaged.PreviousPriority, triaged.Reason, triaged.TriagedAt),
            Is.EqualTo((IncidentPriority.P2, (IncidentPriority?)null, "highest member severity is major", DateTimeOffset.UnixEpoch)));
    }

    [Test]
    public async Task Only_a_change_of_priority_is_announced_and_it_names_the_previous_one()
    {
        var id = Guid.NewGuid();
        await _triager.TriageAsync(PriorityPolicyTests.Incident(AlarmSeverity.Major, 1, id));

        var same = await _triager.TriageAsync(PriorityPolicyTests.Incident(AlarmSeverity.Major, 2, id));
        var risen = await _triager.TriageAsync(PriorityPolicyTests.Incident(AlarmSeverity.Critical, 3, id));

        Assert.That(same, Is.Null);
        Assert.That((risen!.Priority, risen.PreviousPriority, risen.IncidentVersion), Is.EqualTo((IncidentPriority.P1, IncidentPriority.P2, 3L)));
    }

    [Test]
    public async Task A_late_older_version_does_not_undo_a_newer_decision()
    {
        var id = Guid.NewGuid();
        await _triager.TriageAsync(PriorityPolicyTests.Incident(AlarmSeverity.Critical, 5, id));

        var late = await _triager.TriageAsync(PriorityPolicyTests.Incident(AlarmSeverity.Major, 4, id));
        var repeated = await _triager.TriageAsync(PriorityPolicyTests.Incident(AlarmSeverity.Critical, 5, id));

        Assert.That(late, Is.Null);
        Assert.That(repeated, Is.Null);
    }
}
