using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Correlation.Correlator.Rules;
using Correlation.Correlator.Scoring;
using Correlation.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Correlation.Correlator.Tests.Rules;

/// <summary>The rules API on a correlator host with the real Redis; a second correlator shares the Redis.</summary>
public class RulesEndpointsTests
{
    // A storm of the sample network: a Leeds switch losing its uplinks, then two minutes later a York switch.
    private const string Storm = """
        {"observedAt":"2026-11-23T10:00:00Z","resource":"leeds-asw-01","site":"leeds","alarmType":"link_down","severity":"major","summary":"uplink down","group":"leeds"}
        {"observedAt":"2026-11-23T10:00:05Z","resource":"leeds-asw-01","site":"leeds","alarmType":"high_cpu","severity":"major","summary":"CPU 100%","group":"leeds"}
        {"observedAt":"2026-11-23T10:00:20Z","resource":"leeds-asw-02","site":"leeds","alarmType":"packet_loss","severity":"minor","summary":"packet loss to core","group":"leeds"}
        {"observedAt":"2026-11-23T10:02:00Z","resource":"york-asw-01","site":"york","alarmType":"interface_errors","severity":"minor","summary":"CRC errors","group":"york"}
        """;

    private RedisTestKeys _redis = null!;
    private LocalWebHost _host = null!;
    private LocalWebHost _other = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _redis = await RedisTestKeys.CreateAsync("rules");
        var settings = new Dictionary<string, string>(_redis.Settings)
        {
            ["Topology:CmdbPath"] = Alarms.SampleCmdb,
            ["Correlator:RulesPollInterval"] = "00:00:00.100",
        };
        _host = await HarnessHost.StartAsync(b => b.AddCorrelator(), app => app.MapCorrelator(), settings);
        _other = await HarnessHost.StartAsync(b => b.AddCorrelator(), app => app.MapCorrelator(), settings);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _other.DisposeAsync();
        await _host.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Test]
    public async Task Validating_names_each_problem_with_its_line_and_a_good_file_with_its_version()
    {
        using var bad = await _host.Client.PostAsync("/api/v1/rules/validate", Yaml("window: 00:05:00\njoin-treshold: 0.5\n"));
        using var good = await _host.Client.PostAsync("/api/v1/rules/validate", Yaml("join-threshold: 0.7\n"));

        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await JsonAsync(bad)).GetProperty("errors")[0].GetString(), Does.StartWith("rules:2:1: unknown setting 'join-treshold'"));
        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var options = new ScoringOptions { JoinThreshold = 0.7 };
        Assert.That((await JsonAsync(good)).GetProperty("version").GetString(), Is.EqualTo(ScoringRules.Version(options)));
    }

    [Test]
    public async Task Activated_rules_are_used_at_once_here_and_taken_up_by_the_other_correlator_and_listed_with_who_and_when()
    {
        var before = _other.Services.GetRequiredService<ActiveRules>().Current.Version;

        using var refused = await _host.Client.PostAsync("/api/v1/rules/activate", Yaml("max-hops: 99\n"));
        using var activated = await _host.Client.PostAsync("/api/v1/rules/activate", Yaml("join-threshold: 0.7\n"));

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a bad file is never activated");
        Assert.That(activated.StatusCode, Is.EqualTo(HttpStatusCode.OK), await activated.Content.ReadAsStringAsync());
        var version = (await JsonAsync(activated)).GetProperty("version").GetString();
        Assert.That(version, Is.Not.EqualTo(before));
        Assert.That(_host.Services.GetRequiredService<ActiveRules>().Current.Options.JoinThreshold, Is.EqualTo(0.7));
        var taken = await Eventually.ReturnsAsync(() => Task.FromResult(_other.Services.GetRequiredService<ActiveRules>().Current),
            rules => rules.Version == version, TimeSpan.FromSeconds(20), "the other correlator to take up the rules");
        Assert.That((taken.Source, taken.Options.JoinThreshold), Is.EqualTo(("activated", 0.7)));

        var listed = await JsonAsync(await _other.Client.GetAsync("/api/v1/rules"));
        Assert.That(listed.GetProperty("active").GetProperty("version").GetString(), Is.EqualTo(version));
        Assert.That(listed.GetProperty("history")[0].GetProperty("text").GetString(), Is.EqualTo("join-threshold: 0.7\n"));
    }

    [Test]
    public async Task A_dry_run_replays_a_storm_with_the_rules_in_use_and_the_candidate_side_by_side()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("join-threshold: 1\nmerge-threshold: 1\n"), "rules", "strict.yaml" },
            { new StringContent(Storm), "storm", "storm.jsonl" },
        };
        form.Headers.ContentType!.CharSet = null;

        using var response = await _host.Client.PostAsync("/api/v1/rules/dry-run", form);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var json = await JsonAsync(response);
        var active = json.GetProperty("active");
        var candidate = json.GetProperty("candidate");
        Assert.Multiple(() =>
        {
            Assert.That(active.GetProperty("alarms").GetInt32(), Is.EqualTo(4));
            Assert.That(active.GetProperty("incidents").GetInt32(), Is.EqualTo(2), "the rules in use find the two faults");
            Assert.That(active.GetProperty("agreement").GetProperty("f1").GetDouble(), Is.EqualTo(1.0));
            Assert.That(candidate.GetProperty("incidents").GetInt32(), Is.GreaterThan(2), "nothing can join under the candidate");
            Assert.That(candidate.GetProperty("version").GetString(), Is.Not.EqualTo(active.GetProperty("version").GetString()));
        });
    }

    [Test]
    public async Task A_dry_run_with_a_bad_storm_line_names_it()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("join-threshold: 0.7\n"), "rules", "rules.yaml" },
            { new StringContent(Storm + "\n{\"resource\":\"x\"}\n"), "storm", "storm.jsonl" },
        };

        using var response = await _host.Client.PostAsync("/api/v1/rules/dry-run", form);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await JsonAsync(response)).GetProperty("errors")[0].GetString(), Does.StartWith("storm.jsonl:5:"));
    }
}
