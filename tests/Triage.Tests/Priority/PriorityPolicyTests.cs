using Correlation.Contracts;
using Correlation.Triage.Priority;

namespace Correlation.Triage.Tests.Priority;

public class PriorityPolicyTests
{
    internal static IncidentSnapshot Incident(AlarmSeverity severity, long version = 1, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), version, IncidentState.Open, "t", "leeds", severity, 1, 1, 1,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    [TestCase(AlarmSeverity.Critical, IncidentPriority.P1)]
    [TestCase(AlarmSeverity.Major, IncidentPriority.P2)]
    [TestCase(AlarmSeverity.Minor, IncidentPriority.P3)]
    [TestCase(AlarmSeverity.Warning, IncidentPriority.P4)]
    [TestCase(AlarmSeverity.Info, IncidentPriority.P4)]
    public void Priority_follows_the_highest_member_severity(AlarmSeverity severity, IncidentPriority expected)
    {
        var (priority, reason) = new PriorityPolicy().Decide(Incident(severity));

        Assert.That(priority, Is.EqualTo(expected));
        Assert.That(reason, Does.Contain(severity.ToString().ToLowerInvariant()));
    }
}
