using Correlation.Cli.Commands;

namespace Correlation.Cli.Tests.Commands;

public class EvaluateArgumentsTests
{
    [Test]
    public void A_storm_file_alone_takes_every_default()
    {
        var options = EvaluateArguments.Parse(["storm.jsonl"], out var error);

        Assert.That(error, Is.Null);
        Assert.That(options, Is.EqualTo(new Correlation.Cli.Commands.EvaluateOptions { StormFile = "storm.jsonl", GroupBy = options!.GroupBy }));
        Assert.That(options.GroupBy, Is.EqualTo(new[] { "alarmType", "site" }));
        Assert.That(options.Window, Is.EqualTo(TimeSpan.FromMinutes(5)));
    }

    [Test]
    public void Options_take_their_value_after_a_space_or_an_equals_sign()
    {
        var options = EvaluateArguments.Parse(
            ["--huawei", "data", "--window=00:10:00", "--group-by", "site, service", "--markdown", "r.md", "--csv=r.csv",
             "--group-interval", "00:00:00", "--resolve-timeout", "01:00:00", "--max-errors", "3"], out var error);

        Assert.That(error, Is.Null);
        Assert.Multiple(() =>
        {
            Assert.That(options!.HuaweiFolder, Is.EqualTo("data"));
            Assert.That(options.StormFile, Is.Null);
            Assert.That(options.Window, Is.EqualTo(TimeSpan.FromMinutes(10)));
            Assert.That(options.GroupBy, Is.EqualTo(new[] { "site", "service" }));
            Assert.That(options.MarkdownFile, Is.EqualTo("r.md"));
            Assert.That(options.CsvFile, Is.EqualTo("r.csv"));
            Assert.That(options.GroupInterval, Is.EqualTo(TimeSpan.Zero));
            Assert.That(options.ResolveTimeout, Is.EqualTo(TimeSpan.FromHours(1)));
            Assert.That(options.MaxErrors, Is.EqualTo(3));
        });
    }

    [TestCase(new string[0], "needs a storm file, --huawei <folder> or --feedback <file>")]
    [TestCase(new[] { "a.jsonl", "b.jsonl" }, "one storm file at a time")]
    [TestCase(new[] { "a.jsonl", "--huawei", "data" }, "not several")]
    [TestCase(new[] { "a.jsonl", "--window" }, "--window needs a value")]
    [TestCase(new[] { "a.jsonl", "--markdown", "--csv", "x" }, "--markdown needs a value")]
    [TestCase(new[] { "a.jsonl", "--window", "5m" }, "'5m' is not a positive duration")]
    [TestCase(new[] { "a.jsonl", "--window", "00:00:00" }, "is not a positive duration")]
    [TestCase(new[] { "a.jsonl", "--group-by", "," }, "--group-by needs one or more")]
    [TestCase(new[] { "a.jsonl", "--max-errors", "0" }, "not a whole number of at least 1")]
    [TestCase(new[] { "a.jsonl", "--verbose", "1" }, "unknown option '--verbose'")]
    public void Bad_arguments_are_refused_saying_why(string[] args, string expected)
    {
        var options = EvaluateArguments.Parse(args, out var error);

        Assert.That(options, Is.Null);
        Assert.That(error, Does.Contain(expected));
    }
}
