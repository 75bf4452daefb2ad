using System.Text.Json;
using System.Text.RegularExpressions;
using Correlation.Testing;
using static Correlation.ServiceDefaults.Tests.MetricNames;

namespace Correlation.ServiceDefaults.Tests;

/// <summary>
/// deploy/grafana/correlation.json imports as it is (its data source is a variable) and queries only
/// metrics that the scrape above found, so that it cannot drift from the code; the README names them all.
/// </summary>
public sealed partial class MetricsEndpointTests
{
    private const string DataSourceVariable = "${datasource}";

    private static string GrafanaFile(string name) => Path.Combine(TestServers.RepositoryRoot(), "deploy", "grafana", name);

    private static JsonDocument Dashboard() => JsonDocument.Parse(File.ReadAllText(GrafanaFile("correlation.json")));

    /// <summary>Every panel, rows' nested panels included.</summary>
    private static IEnumerable<JsonElement> Panels(JsonElement container) =>
        container.TryGetProperty("panels", out var panels)
            ? panels.EnumerateArray().SelectMany(p => Panels(p).Prepend(p))
            : [];

    /// <summary>The PromQL of every panel target and of every query variable.</summary>
    private static List<(string Where, string Expr)> Queries(JsonElement dashboard)
    {
        var queries = Panels(dashboard)
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()
                .Select(t => ($"panel '{p.GetProperty("title").GetString()}' {t.GetProperty("refId").GetString()}", t.GetProperty("expr").GetString()!)))
            .ToList();
        queries.AddRange(dashboard.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Where(v => v.GetProperty("type").GetString() == "query")
            .Select(v => ($"variable ${v.GetProperty("name").GetString()}", v.GetProperty("definition").GetString()!)));
        return queries;
    }

    /// <summary>The metric names a query selects: each one written as name{...}, or as label_values(name, label).</summary>
    private static IEnumerable<string> MetricsIn(string expr) =>
        Selector().Matches(expr).Select(m => m.Groups["name"].Value)
            .Concat(LabelValues().Matches(expr).Select(m => m.Groups["name"].Value))
            .Where(name => !PromQlWords.Contains(name))
            .Distinct(StringComparer.Ordinal);

    private static readonly HashSet<string> PromQlWords = new(StringComparer.Ordinal) { "by", "without", "on", "ignoring", "group_left", "group_right" };

    [GeneratedRegex(@"(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\s*\{")]
    private static partial Regex Selector();

    [GeneratedRegex(@"label_values\(\s*(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\s*,")]
    private static partial Regex LabelValues();

    [Test]
    public void The_dashboard_queries_only_metrics_the_endpoint_has()
    {
        using var dashboard = Dashboard();
        var queries = Queries(dashboard.RootElement);
        Assert.That(queries, Has.Count.GreaterThan(10));
        Assert.Multiple(() =>
        {
            foreach (var (where, expr) in queries)
            {
                var metrics = MetricsIn(expr).ToList();
                Assert.That(metrics, Is.Not.Empty, $"{where}: every metric is written as name{{...}} ({expr})");
                Assert.That(metrics.Except(_scrape.Names), Is.Empty, $"{where} queries metrics that /metrics does not have: {expr}");
            }
        });
    }

    [Test]
    public void The_dashboard_shows_every_named_measure()
    {
        using var dashboard = Dashboard();
        var used = Queries(dashboard.RootElement).SelectMany(q => MetricsIn(q.Expr)).ToHashSet(StringComparer.Ordinal);
        Assert.That(used, Is.SupersetOf(new[]
        {
            AlarmsReceived, Rejected, Decisions, DecisionLatency + "_bucket", EndToEndLatency + "_bucket",
            OpenIncidents, Escalations, InFlight, QueueWait + "_bucket",
        }));
    }

    [Test]
    public void The_dashboard_imports_as_it_is_with_its_data_source_a_variable()
    {
        using var dashboard = Dashboard();
        var root = dashboard.RootElement;
        var variables = root.GetProperty("templating").GetProperty("list").EnumerateArray().ToList();
        var panels = Panels(root).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("uid").GetString(), Is.Not.Empty);
            Assert.That(root.GetProperty("title").GetString(), Is.Not.Empty);
            Assert.That(root.TryGetProperty("id", out var id) && id.ValueKind != JsonValueKind.Null, Is.False, "no id of another Grafana's database");
            Assert.That(variables.Any(v => v.GetProperty("name").GetString() == "datasource"
                && v.GetProperty("type").GetString() == "datasource" && v.GetProperty("query").GetString() == "prometheus"), "a Prometheus data source variable");
            Assert.That(panels.Select(p => p.GetProperty("id").GetInt32()), Is.Unique, "panel ids");
            foreach (var panel in panels.Where(p => p.GetProperty("type").GetString() != "row"))
            {
                var title = panel.GetProperty("title").GetString();
                Assert.That(panel.GetProperty("datasource").GetProperty("uid").GetString(), Is.EqualTo(DataSourceVariable), title);
                Assert.That(panel.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("datasource").GetProperty("uid").GetString()),
                    Has.All.EqualTo(DataSourceVariable), title);
                Assert.That(panel.GetProperty("gridPos").GetProperty("w").GetInt32(), Is.InRange(1, 24), title);
            }
        });
    }

    [Test]
    public void The_readme_describes_every_named_metric()
    {
        var readme = File.ReadAllText(GrafanaFile("README.md"));
        var documented = new[] { AlarmsReceived, AlarmsPublished, Rejected, NmsReceived, Decisions, Merged, DecisionLatency, EndToEndLatency,
            Triaged, Routed, Escalations, OpenIncidents, Received, Consumed, InFlight, QueueWait };
        Assert.That(documented.Where(name => !readme.Contains($"`{name}", StringComparison.Ordinal)), Is.Empty);
    }
}
