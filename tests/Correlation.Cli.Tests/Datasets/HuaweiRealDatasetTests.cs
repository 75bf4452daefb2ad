using Correlation.Cli.Datasets;
using Correlation.Cli.Metrics;
using Correlation.Correlator.Evaluation;
using Correlation.Cli.Tests.Support;
using Correlation.Contracts;

namespace Correlation.Cli.Tests.Datasets;

public class HuaweiRealDatasetTests
{
    [Test]
    [Category("Dataset")]
    public void The_published_dataset_loads_with_its_documented_sizes()
    {
        var folder = RepositoryRoot.HuaweiDataset();
        if (folder is null || !File.Exists(Path.Combine(folder, HuaweiMicrowaveDataset.AlarmFile)))
        {
            Assert.Ignore($"The Huawei dataset is not next to this checkout (looked in {folder ?? "<no Correlation.sln above the test binaries>"}); "
                + "it lives in the shared workspace, not in the repository.");
        }

        var result = HuaweiMicrowaveDataset.Load(folder);

        Assert.That(result.IsValid, Is.True, () => string.Join("\n", result.Errors));
        var dataset = result.Value!;
        Assert.Multiple(() =>
        {
            // Every published row has end equal to start, so there are raises only.
            Assert.That(dataset.Alarms, Has.Count.EqualTo(48_572));
            Assert.That(dataset.Alarms, Is.All.Matches<Alarm>(a => a.Status == AlarmStatus.Raised));
            Assert.That(dataset.Alarms.Select(a => a.AlarmType).Distinct().Count(), Is.EqualTo(25));
            Assert.That(dataset.Alarms.Select(a => a.Resource).Distinct().Count(), Is.LessThanOrEqualTo(474));
            Assert.That(dataset.Alarms, Is.Ordered.By(nameof(Alarm.ObservedAt)));
            Assert.That(dataset.Links, Has.Count.EqualTo(440));
            Assert.That(dataset.CausalEdges, Has.Count.EqualTo(148));
            Assert.That(new LinkGraph(dataset.Links).Hops(dataset.Links[0].A, dataset.Links[0].B), Is.EqualTo(1));
        });
    }
}
