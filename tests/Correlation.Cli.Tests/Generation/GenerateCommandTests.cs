using Correlation.Cli.Commands;
using Correlation.Cli.Storms;
using Correlation.Ingest.Replay;
using Correlation.Cli.Tests.Support;
using Correlation.Topology;

namespace Correlation.Cli.Tests.Generation;

public class GenerateCommandTests
{
    [Test]
    public async Task Generate_writes_a_storm_and_a_cmdb_that_evaluate_and_the_loader_accept()
    {
        using var folder = new TempFolder();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var storm = folder.Combine("storm.jsonl");
        var cmdb = folder.Combine("cmdb.yaml");

        var code = await CliApp.RunAsync(["generate", "--seed", "7", "--alarms", "1500", "--sites", "25", "--out", storm, "--cmdb-out=" + cmdb], output, error);

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), error.ToString());
        Assert.That(output.ToString(), Does.Contain("1,500 alarms").And.Contain("power").And.Contain("noise"));
        Assert.That(CmdbLoader.TryLoad(cmdb).Succeeded, Is.True);
        Assert.That(StormReader.ReadFile(storm).IsValid, Is.True);

        using var evaluated = new StringWriter();
        var evaluateCode = await CliApp.RunAsync(["evaluate", storm], evaluated, error);
        Assert.That(evaluateCode, Is.EqualTo(ExitCodes.Ok), error.ToString());
        Assert.That(evaluated.ToString(), Does.Contain("precision").And.Contain("ARI").And.Contain("fingerprint"));
    }

    [TestCase("--alarms", "5")]
    [TestCase("--sites", "1")]
    [TestCase("--shape", "tsunami")]
    [TestCase("--duration", "soon")]
    [TestCase("--seed", "x")]
    [TestCase("--colour", "red")]
    public async Task Bad_generate_options_are_a_usage_error(string option, string value)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CliApp.RunAsync(["generate", option, value, "--out", "x.jsonl"], output, error);

        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.ToString(), Does.Contain("generate:"));
    }

    [Test]
    public async Task Generate_without_an_output_file_is_a_usage_error()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CliApp.RunAsync(["generate", "--seed", "1"], output, error);

        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.ToString(), Does.Contain("--out"));
    }

    [Test]
    public void Every_shape_name_parses_case_insensitively()
    {
        foreach (var shape in new[] { "power", "link", "degradation", "unrelated", "noise", "mixed", "Power" })
        {
            Assert.That(GenerateArguments.Parse(["--shape", shape, "--out", "s.jsonl"], out var problem), Is.Not.Null, problem);
        }
    }
}
