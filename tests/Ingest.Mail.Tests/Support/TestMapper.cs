using Correlation.Ingest.Mail.Mapping;
using Correlation.Ingest.Mail.Rules;
using Microsoft.Extensions.Time.Testing;

namespace Correlation.Ingest.Mail.Tests.Support;

internal static class TestMapper
{
    /// <summary>The clock stands a minute after the sample mails' Date header.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 16, 0, TimeSpan.Zero);

    public static MailAlarmMapper Create(IReadOnlyList<MailRuleOptions>? rules = null, bool builtIns = true, HumanReportLocator? locator = null) =>
        new(MailRuleSet.Compile(rules ?? [], builtIns, out var error) ?? throw new InvalidOperationException(error),
            locator ?? new HumanReportLocator(null), new MailOptions(), new FakeTimeProvider(Now));
}
