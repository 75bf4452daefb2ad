namespace Correlation.Topology.Tests.Model;

public class CmdbNamesTests
{
    [TestCase(DeviceRole.CoreRouter, "core-router")]
    [TestCase(DeviceRole.MicrowaveRadio, "microwave-radio")]
    [TestCase(DeviceRole.Pbx, "pbx")]
    [TestCase(DeviceRole.Ups, "ups")]
    public void Roles_are_written_in_kebab_case(DeviceRole role, string name)
    {
        Assert.Multiple(() =>
        {
            Assert.That(CmdbNames.Of(role), Is.EqualTo(name));
            Assert.That(CmdbNames.TryParse<DeviceRole>(name.ToUpperInvariant(), out var parsed), Is.True);
            Assert.That(parsed, Is.EqualTo(role));
        });
    }

    [TestCase("CoreRouter")]
    [TestCase("1")]
    [TestCase("")]
    [TestCase(null)]
    public void Only_the_kebab_case_names_parse(string? text)
    {
        Assert.That(CmdbNames.TryParse<DeviceRole>(text, out _), Is.False);
    }

    [Test]
    public void Criticalities_order_so_that_more_critical_is_larger()
    {
        Assert.That(new[] { Criticality.Critical, Criticality.Low, Criticality.High, Criticality.Medium }.Order(),
            Is.EqualTo(new[] { Criticality.Low, Criticality.Medium, Criticality.High, Criticality.Critical }));
    }
}
