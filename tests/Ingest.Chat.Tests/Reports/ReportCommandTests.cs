using Correlation.Ingest.Chat.Reports;

namespace Correlation.Ingest.Chat.Tests.Reports;

public class ReportCommandTests
{
    [TestCase("report the wifi is down", "Report", "the wifi is down")]
    [TestCase("  REPORT\u00a0the wifi is down  ", "Report", "the wifi is down", Description = "a no-break space, as Teams writes")]
    [TestCase("report site=leeds", "EmptyReport", "site=leeds")]
    [TestCase("report", "EmptyReport", "")]
    [TestCase("help", "Help", "")]
    [TestCase("", "Help", "")]
    [TestCase("status leeds", "Unknown", "status")]
    [TestCase("reported it already", "Unknown", "reported")]
    public void The_first_word_says_what_is_asked(string text, string kind, string rest) =>
        Assert.That(ReportCommand.Parse(text), Is.EqualTo(new ReportCommand(Enum.Parse<CommandKind>(kind), rest)));

    [TestCase("drives down site=leeds service=file-shares", "drives down", "leeds", "file-shares")]
    [TestCase("drives down SITE=\"leeds\", now", "drives down now", "leeds", null)]
    [TestCase("x=1 and site= stays", "x=1 and site= stays", null, null)]
    [TestCase("site=york site=hull", "", "york", null)]
    [TestCase("racks hot site=\"London data centre 1\" since noon", "racks hot since noon", "London data centre 1", null)]
    [TestCase("racks hot site=\"London data", "racks hot", "London data", null, Description = "an unclosed quote runs to the end")]
    public void Site_and_service_keys_leave_the_description(string text, string description, string? site, string? service) =>
        Assert.That(ReportText.Parse(text), Is.EqualTo(new ReportText(description, site, service)));
}
