using Correlation.Correlator.Learning;
using Correlation.Correlator.Live;
using Microsoft.Extensions.Options;

namespace Correlation.Correlator.Tests.Live;

public class LearnedModelsTests
{
    [Test]
    public void Nothing_configured_loads_nothing()
    {
        var models = new LearnedModels(Options.Create(new CorrelatorOptions()));

        Assert.That(models.Affinity, Is.Null);
        Assert.That(models.Signatures, Is.Null);
        Assert.That(models.Versions, Is.Empty);
    }

    [Test]
    public void A_configured_signature_model_is_loaded_at_start_and_named_in_the_decision_records()
    {
        var path = Path.Combine(Path.GetTempPath(), $"signatures-{Guid.NewGuid():N}.zip");
        try
        {
            var fitted = SignatureModel.Fit([("link_down", "Gi0/1 down on r1"), ("high_cpu", "CPU at 99% on s1"), ("disk_full", "/var at 97%")], 3);
            fitted.Save(path);

            var models = new LearnedModels(Options.Create(new CorrelatorOptions { SignaturesPath = path }));

            Assert.That(models.Signatures!.Signature("link_down", "Gi0/7 down on r9"), Is.EqualTo(fitted.Signature("link_down", "Gi0/1 down on r1")));
            Assert.That(models.Versions.Single(), Does.StartWith("signatures/1 " + Path.GetFileName(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void A_configured_model_that_is_missing_stops_the_start_naming_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}.zip");

        Assert.That(() => new LearnedModels(Options.Create(new CorrelatorOptions { SignaturesPath = path })),
            Throws.InstanceOf<IOException>().Or.InstanceOf<InvalidDataException>().With.Message.Contains(Path.GetFileName(path)));
    }
}
