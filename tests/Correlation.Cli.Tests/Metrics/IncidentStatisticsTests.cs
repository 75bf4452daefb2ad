using Correlation.Cli.Metrics;
using Correlation.Correlator.Evaluation;

namespace Correlation.Cli.Tests.Metrics;

public class IncidentStatisticsTests
{
    [Test]
    public void Counts_incidents_compression_largest_and_mean_size()
    {
        var statistics = IncidentStatistics.Of(["a", "a", "a", "b", "c", "c", "a", "d"]);

        Assert.That(statistics, Is.EqualTo(new IncidentStatistics(8, 4, 0.5, 4, 2.0)));
    }

    [Test]
    public void No_alarms_make_no_incidents()
    {
        Assert.That(IncidentStatistics.Of([]), Is.EqualTo(new IncidentStatistics(0, 0, 0, 0, 0)));
    }
}
