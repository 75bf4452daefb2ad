namespace Correlation.Deploy.Tests;

/// <summary>The facts taken from the code are themselves sane, so that checks built on them mean something.</summary>
public class CodeFactsTests
{
    [Test]
    public void Every_worker_consumes_from_queues_of_its_own()
    {
        foreach (var service in ServiceCatalog.All.Where(s => !s.IsIngest))
        {
            Assert.That(CodeFacts.ReceiveEndpoints(service), Is.Not.Empty, service.Name);
        }

        var owners = ServiceCatalog.All.SelectMany(s => CodeFacts.ReceiveEndpoints(s).Select(q => (Queue: q, s.Name)))
            .GroupBy(x => x.Queue).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.That(owners, Is.Empty, "a queue consumed by two services would split its messages between them");
    }

    [Test]
    public void The_correlator_consumes_alarms_received()
    {
        // One known name, so that a change in how names are derived (prefix, formatter) shows here first.
        Assert.That(CodeFacts.ReceiveEndpoints(ServiceCatalog.ByName("correlator")), Does.Contain("alarms-received"));
        TestContext.Out.WriteLine(string.Join(Environment.NewLine,
            ServiceCatalog.All.Select(s => $"{s.Name}: {string.Join(", ", CodeFacts.ReceiveEndpoints(s))}")));
    }

    [Test]
    public void Health_routes_are_mapped_by_the_service_defaults()
    {
        Assert.That(CodeFacts.HealthRoutes, Is.SupersetOf(new[] { "/health/live", "/health/ready" }));
    }

    [Test]
    public void Settings_check_accepts_real_settings_and_refuses_others()
    {
        var feeds = ServiceCatalog.ByName("ingest-feeds");
        var correlator = ServiceCatalog.ByName("correlator");
        Assert.Multiple(() =>
        {
            Assert.That(Settings.Check(feeds, "RabbitMq__Url", null), Is.Null);
            Assert.That(Settings.Check(feeds, "Ingest__Alertmanager__ApiKeys__0", null), Is.Null);
            Assert.That(Settings.Check(correlator, "Correlator__Scoring__Window", "00:10:00"), Is.Null);
            Assert.That(Settings.Check(correlator, "Access__Tokens__0__Sha256", null), Is.Null);
            Assert.That(Settings.Check(correlator, "Correlator__BatchWait", "50ms"), Is.Not.Null);
            Assert.That(Settings.Check(correlator, "Correlator__NoSuchSetting", null), Is.Not.Null);
            Assert.That(Settings.Check(correlator, "Ingest__MaxBatchBytes", null), Is.Not.Null, "the correlator binds no Ingest section");
            Assert.That(Settings.Check(feeds, "RABBITMQ_URL", null), Is.Not.Null);
            Assert.That(Settings.Check(feeds, "Ingest__Alertmanager__ApiKeys__first", null), Is.Not.Null);
        });
    }
}
