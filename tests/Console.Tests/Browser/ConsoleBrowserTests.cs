using Microsoft.Extensions.DependencyInjection;
using Correlation.Contracts;
using Correlation.Testing;

namespace Correlation.Console.Tests.Browser;

/// <summary>
/// The web console in a real headless Chromium (Debian's package) against the console service: an operator signs in
/// with a token, sees an incident appear live, opens it, asks why a member joined, acknowledges it and splits a member
/// out; screenshots of the incident list and the throughput page are saved under the test's output (screenshots/).
/// </summary>
[NonParallelizable]
public class ConsoleBrowserTests
{
    private ConsoleHost _host = null!;
    private HeadlessChromium _browser = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        var chromium = HeadlessChromium.FindOrInstall();
        if (chromium is null)
        {
            Assert.Ignore("Chromium is not installed and could not be installed (apt-get install chromium); the browser test needs Debian's chromium package.");
        }

        _host = await ConsoleHost.StartAsync("console-browser");
        _browser = await HeadlessChromium.StartAsync(chromium);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Test]
    public async Task An_operator_sees_an_incident_appear_live_opens_it_acknowledges_it_and_splits_a_member_out()
    {
        var screenshots = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        await _browser.NavigateAsync(_host.Web.BaseAddress);
        await _browser.WaitForAsync("document.getElementById('token')", "the sign-in form");
        await _browser.TypeAsync("document.getElementById('token')", ConsoleHost.OperatorToken, "token field");
        await _browser.ClickAsync("document.querySelector('form button')", "Sign in button");
        await _browser.WaitForAsync("document.getElementById('rows') && document.getElementById('status').textContent === 'live'", "the live incident list");
        await _browser.WaitForAsync("document.getElementById('who').textContent.startsWith('olga')", "the operator's name");

        // The storm arrives while the page is open: the list is updated from the stream, not reloaded.
        var id = Guid.NewGuid();
        await _host.PublishAsync(new IncidentOpened(Events.Snapshot(id, 1, "leeds"), Events.Alarm("leeds", "leeds-asw-03")));
        await _host.PublishAsync(new IncidentUpdated(Events.Snapshot(id, 2, "leeds", alarms: 2), Events.Alarm("leeds", "leeds-asw-04")));
        await _host.PublishAsync(Events.Triaged(id, 2, IncidentPriority.P1, "outage: no redundancy left", teams: ["leeds-field"]));
        var row = $"document.querySelector('tr[data-id=\"{id}\"]')";
        await _browser.WaitForAsync($"{row} && {row}.dataset.priority === 'P1' && {row}.querySelector('.storm').textContent.startsWith('2')",
            "the incident, triaged P1 with a storm size of 2");
        await _browser.ScreenshotAsync(Path.Combine(screenshots, "incident-list.png"));

        await _browser.ClickAsync(row, "incident's row");
        await _browser.WaitForAsync("document.getElementById('acknowledge') && document.querySelectorAll('#members tbody tr[data-fingerprint]').length === 2",
            "the incident page with its two members");
        await _browser.ClickAsync("document.querySelector('#members button.why')", "member's \"why?\" button");
        await _browser.WaitForAsync("document.querySelector('pre.explain')", "the member's explanation (the correlator's record, absent in this host)");

        await _browser.ClickAsync("document.getElementById('acknowledge')", "Acknowledge button");
        await _browser.WaitForAsync("document.getElementById('ack-status').textContent.includes('Acknowledged by olga')", "the acknowledgement");
        Assert.That(await _host.Harness.Published.Any<IncidentAcknowledged>(a => a.Context.Message.IncidentId == id && a.Context.Message.By == "olga"), Is.True);

        await _browser.ClickAsync("document.querySelector('input.member-select[data-fingerprint=\"leeds-asw-04/link_down\"]')", "member's checkbox");
        await _browser.ClickAsync("document.getElementById('split')", "Split selected out button");
        await _browser.WaitForAsync("document.getElementById('timeline').textContent.includes('asked to split out leeds-asw-04/link_down')",
            "the split request on the timeline");
        Assert.That(await _host.Harness.Published.Any<SplitIncident>(s => s.Context.Message.IncidentId == id
            && s.Context.Message.Fingerprints.SequenceEqual(new[] { "leeds-asw-04/link_down" })), Is.True, "the split was asked for");

        // A poison message some service gave up on shows beside the charts.
        await _host.Web.Services.GetRequiredService<Correlation.ServiceDefaults.DeadLetterLedger>().RecordAsync(
            "triage-incident", "TriageIncidentConsumer", "IncidentOpened", 1, Guid.NewGuid(), new InvalidOperationException("no snapshot in the event"));
        await _browser.ClickAsync("document.getElementById('nav-throughput')", "Throughput link");
        await _browser.WaitForAsync("document.querySelector('#chart-alarms polyline') && document.getElementById('totals').textContent.startsWith('2 alarms')",
            "the throughput charts counting the two alarms");
        await _browser.WaitForAsync("document.querySelector('#dead-letters tr.dead-letter') && document.getElementById('dead-letters').textContent.includes('no snapshot in the event')"
            + " && document.querySelector('#dead-letters h2').textContent === 'Dead letters (1)'", "the dead letter with its queue and failure");
        await _browser.ScreenshotAsync(Path.Combine(screenshots, "throughput.png"));

        foreach (var file in Directory.GetFiles(screenshots))
        {
            TestContext.AddTestAttachment(file);
        }

        Assert.That(_browser.PageLog.Where(l => l.Contains("exceptionDetails", StringComparison.Ordinal)), Is.Empty, "no script errors on the page");
    }
}
