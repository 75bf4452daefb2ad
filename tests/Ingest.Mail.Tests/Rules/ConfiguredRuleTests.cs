using Correlation.Contracts;
using Correlation.Ingest.Mail.Rules;
using Correlation.Ingest.Mail.Tests.Support;

namespace Correlation.Ingest.Mail.Tests.Rules;

public class ConfiguredRuleTests
{
    private static readonly MailRuleOptions UpsRule = new()
    {
        Name = "apc-ups",
        From = @"@ups\.example$",
        Subject = @"^UPS (?<ups>\S+): (?<event>On battery|Power restored)",
        Body = [@"Site: (?<site>[a-z0-9-]+)"],
        Source = "apc",
        AlarmType = "ups_on_battery",
        Severity = "major",
        Cleared = "{event}",
        Resource = "{ups}",
        Site = "{site}",
        Summary = "{ups}: {event}",
    };

    [Test]
    public void A_configured_rule_maps_sender_subject_and_body_to_the_alarm()
    {
        var mapper = TestMapper.Create([UpsRule]);

        var alarm = mapper.Map(Mails.Parse(Mails.Raw("UPS leeds-ups-1: On battery", "Site: leeds\nLoad 40%", from: "alerts@ups.example"))).Alarm;

        Assert.Multiple(() =>
        {
            Assert.That((alarm.Resource, alarm.Site, alarm.AlarmType, alarm.Severity), Is.EqualTo(("leeds-ups-1", "leeds", "ups_on_battery", AlarmSeverity.Major)));
            Assert.That(alarm.SourceName, Is.EqualTo("apc"));
            Assert.That(alarm.Summary, Is.EqualTo("leeds-ups-1: On battery"));
            Assert.That(alarm.Status, Is.EqualTo(AlarmStatus.Raised));
        });
    }

    [Test]
    public void A_rule_takes_only_mail_from_its_sender()
    {
        var mapper = TestMapper.Create([UpsRule]);

        var alarm = mapper.Map(Mails.Parse(Mails.Raw("UPS leeds-ups-1: On battery", "x", from: "prankster@example.com"))).Alarm;

        Assert.That(alarm.AlarmType, Is.EqualTo("user_report"));
    }

    [Test]
    public void Configured_rules_come_before_the_built_in_ones()
    {
        var mine = new MailRuleOptions { Name = "mine", Subject = @"Service Alert: (?<host>[^/]+)/", AlarmType = "my_type" };

        var (alarm, rule) = TestMapper.Create([mine]).Map(Mails.Parse(Mails.NagiosService("PROBLEM", "h1", "s", "CRITICAL")));

        Assert.That((rule, alarm.AlarmType, alarm.Resource), Is.EqualTo(("mine", "my_type", "h1")));
    }

    [TestCase(@"(?<=x)y", "Subject: \"(?<=x)y\" is not a regular expression that can run without backtracking")]
    [TestCase(@"(a)\1", "without backtracking")]
    [TestCase(@"(unclosed", "Subject:")]
    public void A_pattern_that_needs_backtracking_or_is_broken_is_refused_with_the_setting(string pattern, string message)
    {
        var rules = MailRuleSet.Compile([new MailRuleOptions { Name = "r", Subject = @"ok" }, new MailRuleOptions { Name = "bad", Subject = pattern, AlarmType = "t" }], false, out var error);

        Assert.That(rules, Is.Null);
        Assert.That(error, Does.StartWith("Rules:0: AlarmType is required"), "the first wrong rule is named");
        rules = MailRuleSet.Compile([new MailRuleOptions { Name = "bad", Subject = pattern, AlarmType = "t" }], false, out error);
        Assert.That(error, Does.StartWith("Rules:0: ").And.Contain(message));
    }

    [Test]
    public void A_template_naming_something_the_rule_cannot_resolve_is_refused()
    {
        var rules = MailRuleSet.Compile([new MailRuleOptions { Name = "r", Subject = "(?<host>x)", AlarmType = "t", Resource = "{hots}" }], false, out var error);

        Assert.That(rules, Is.Null);
        Assert.That(error, Does.StartWith("Rules:0: Resource: {hots} is neither a named group"));
    }

    [Test]
    public void A_rule_with_neither_sender_nor_subject_pattern_is_refused()
    {
        Assert.That(MailRuleSet.Compile([new MailRuleOptions { Name = "all", AlarmType = "t" }], false, out var error), Is.Null);
        Assert.That(error, Does.Contain("From or Subject is required"));
    }
}
