using Correlation.Triage.Policy;
using Microsoft.Extensions.Logging.Abstractions;

namespace Correlation.Triage.Tests.Policy;

public class PolicyProviderTests
{
    private string _path = null!;

    [SetUp]
    public void SetUp() => _path = Path.Combine(Path.GetTempPath(), $"triage-{Guid.NewGuid():N}.yaml");

    [TearDown]
    public void TearDown() => File.Delete(_path);

    private static PolicyProvider Provider(string? path) =>
        new(Microsoft.Extensions.Options.Options.Create(new TriageOptions { PolicyPath = path }), NullLogger<PolicyProvider>.Instance);

    [Test]
    public void Without_a_file_the_built_in_policy_is_in_force()
    {
        var provider = Provider(null);

        Assert.That(provider.Current, Is.SameAs(PolicyLoader.BuiltIn));
        Assert.That(provider.Reload(), Is.False);
    }

    [Test]
    public void A_reload_swaps_in_a_changed_file_and_keeps_the_policy_in_force_when_the_file_turns_bad()
    {
        File.WriteAllText(_path, "watch: { raise: 1 }\n");
        var provider = Provider(_path);

        File.WriteAllText(_path, "watch: { raise: 2 }\n");
        var good = provider.Reload();
        var afterGood = provider.Current;
        var unchanged = provider.Reload();
        Assert.That((unchanged, provider.Current), Is.EqualTo((false, afterGood)), "the same content is not loaded again");
        File.WriteAllText(_path, "watch: { raise: two }\n");
        var bad = provider.Reload();

        Assert.That((good, afterGood.Watch.Raise), Is.EqualTo((true, 2)));
        Assert.That((bad, provider.Current.Watch.Raise), Is.EqualTo((false, 2)));
        Assert.That(provider.Current, Is.SameAs(afterGood));
    }

    [Test]
    public void A_bad_file_at_start_throws_with_every_problem()
    {
        File.WriteAllText(_path, "time-zone: Atlantis\nwatch: { raise: two }\n");

        var error = Assert.Throws<TriagePolicyException>(() => Provider(_path))!;

        Assert.That(error.Problems.Select(p => (p.Line, p.Column)), Is.EqualTo(new[] { (1, 12), (2, 17) }));
    }
}
