using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Correlation.Testing;

namespace Correlation.AllInOne.Tests;

/// <summary>
/// The web console in a real headless Chromium (Debian's package) against the running pipeline: the sample storm is
/// replayed through HTTP ingest while the page is open, and an operator watches its incident appear and grow on the
/// list (from the incident stream, without a reload), opens it, reads why a member joined (the correlator's decision
/// record), acknowledges it and splits an alarm out (the correlator's AlarmsMoved takes the member away and a new
/// incident appears). Screenshots of the incident list, the incident and the throughput page are saved in the test
/// output folder (screenshots/) and attached to the result.
/// </summary>
public partial class PipelineTests
{
    /// <summary>How long the page may take to show what the pipeline did (three correlators on a shared machine).</summary>
    private static readonly TimeSpan PageWait = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The sample storm as recorded at 09:00 on 6 April 2026, a second between alarms, so that its window reaches no
    /// other test's (the sample storm test sends the same alarms at the current time). The instance label gets a
    /// suffix so that its conditions are conditions of their own (a repeat of a condition joins the incident that
    /// holds it); resources and sites are unchanged, so the alarms land on the same CMDB devices.
    /// </summary>
    private static List<JsonObject> ReplayedStorm()
    {
        var recordedAt = new DateTimeOffset(2026, 4, 6, 9, 0, 0, TimeSpan.Zero);
        return [.. SampleStorm().Select((json, i) =>
        {
            var alarm = JsonNode.Parse(json)!.AsObject();
            alarm["observedAt"] = recordedAt.AddSeconds(i).ToString("O");
            var labels = alarm["labels"]?.AsObject() ?? [];
            labels["instance"] = $"{(string?)labels["instance"] ?? ""}@replay";
            alarm["labels"] = labels;
            return alarm;
        })];
    }

    [Test]
    public async Task In_a_browser_an_operator_watches_a_replayed_storm_become_an_incident_live_reads_why_acknowledges_it_and_splits_an_alarm_out()
    {
        var chromium = HeadlessChromium.FindOrInstall();
        if (chromium is null)
        {
            Assert.Ignore("Chromium is not installed and could not be installed (apt-get install chromium, as deploy/infra.sh does); this test needs Debian's chromium package.");
        }

        var browser = await HeadlessChromium.StartAsync(chromium);
        try
        {
            await OperateTheConsoleAsync(browser);
        }
        finally
        {
            await browser.DisposeAsync();
        }

        Assert.That(browser.HasExited, Is.True, "the browser process was ended");
        Assert.That(Directory.Exists(browser.ProfileDirectory), Is.False, "the browser's profile folder was removed");
    }

    private async Task OperateTheConsoleAsync(HeadlessChromium browser)
    {
        var screenshots = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        foreach (var old in new[] { "incident-list.png", "incident.png", "incident-list-after-split.png", "throughput.png" })
        {
            File.Delete(Path.Combine(screenshots, old));
        }

        // With no tokens configured, a caller on loopback is an admin without signing in.
        var me = await _pipeline.Client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        var operatorName = me.GetProperty("name").GetString()!;
        await browser.NavigateAsync(_pipeline.Web.BaseAddress);
        await browser.WaitForAsync("document.getElementById('rows') && document.getElementById('status').textContent === 'live'",
            "the live incident list", PageWait);
        await browser.WaitForAsync($"document.getElementById('who').textContent.startsWith({Js(operatorName)})", "the operator's name");

        // What is on the list before the storm, a mark that goes away if the page is ever reloaded, and every storm size
        // each row shows while the list is redrawn from the stream.
        await browser.EvaluateAsync("""
            window.pipelineTest = { before: new Set([...document.querySelectorAll('#rows tr[data-id]')].map(r => r.dataset.id)), sizes: {} };
            new MutationObserver(() => {
              for (const r of document.querySelectorAll('#rows tr[data-id]')) {
                const size = parseInt(r.querySelector('.storm').textContent, 10);
                const seen = window.pipelineTest.sizes[r.dataset.id] || (window.pipelineTest.sizes[r.dataset.id] = []);
                if (seen[seen.length - 1] !== size) seen.push(size);
              }
            }).observe(document.getElementById('main'), { childList: true, subtree: true });
            true
            """);
        const string Before = "window.pipelineTest.before";

        // The storm is replayed while the page is open, five alarms at a time, as a sender batching its alarms does; after
        // each batch the Leeds incident's row shows the storm size so far. Which incident is the storm's comes from the
        // correlator's record of its first alarm (other tests' Leeds incidents may still be appearing on the list).
        var storm = ReplayedStorm();
        var posted = new List<Guid>();
        string? leeds = null;
        foreach (var chunk in storm.Chunk(5))
        {
            using var response = await _pipeline.Client.PostAsync("/api/v1/alarms/batch",
                new StringContent(new JsonArray([.. chunk]).ToJsonString(), Encoding.UTF8, "application/json"));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
            var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
            posted.AddRange(accepted.GetProperty("alarms").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
            var leedsSoFar = storm.Take(posted.Count).Count(a => (string?)a["site"] == "leeds");
            if (leeds is null)
            {
                leeds = (await IncidentOfEachAsync([posted[0]]))[0].ToString();
                Assert.That((await browser.EvaluateAsync($"{Before}.has({Js(leeds)})")).GetBoolean(), Is.False,
                    "the storm's incident was not on the list before the storm");
            }

            var row = Row(leeds);
            await browser.WaitForAsync($"{row} && parseInt({row}.querySelector('.storm').textContent, 10) === {leedsSoFar}",
                $"the Leeds incident with a storm size of {leedsSoFar}", PageWait);
        }

        Assert.That(posted, Has.Count.EqualTo(55));
        Assert.That(leeds, Is.Not.Null);
        var leedsId = Guid.Parse(leeds);

        // Triage makes it a P1 and the York alarms are an incident of their own; still the same page, never reloaded.
        var leedsRow = Row(leeds);
        await browser.WaitForAsync($"{leedsRow}.dataset.priority === 'P1' && {leedsRow}.querySelector('.storm').textContent === '50'",
            "the Leeds incident triaged P1 with all fifty alarms firing", PageWait);
        var york = (await IncidentOfEachAsync([posted[^1]]))[0].ToString();
        Assert.That(york, Is.Not.EqualTo(leeds));
        await browser.WaitForAsync($"{Row(york)} && !{Before}.has({Js(york)}) && {Row(york)}.querySelector('.storm').textContent === '5'",
            "the York incident of five alarms", PageWait);
        var sizes = await browser.EvaluateAsync($"window.pipelineTest.sizes[{Js(leeds)}]");
        var seenSizes = sizes.EnumerateArray().Select(s => s.GetInt32()).ToList();
        Assert.That(seenSizes, Is.Ordered.Ascending.And.Unique, "the storm size only grew");
        Assert.That(seenSizes, Is.SupersetOf(Enumerable.Range(1, 10).Select(i => i * 5)), "the row showed the storm growing batch by batch");
        Assert.That((await browser.EvaluateAsync("!!window.pipelineTest && document.getElementById('status').textContent === 'live'")).GetBoolean(),
            Is.True, "the list was updated in place from the stream, without a reload");
        await browser.ScreenshotAsync(Path.Combine(screenshots, "incident-list.png"));

        // The incident. The operator starts typing the reason for what they will do while they look at it; the page keeps
        // redrawing as the incident's events arrive, and what they typed must survive that.
        const string Reason = "browser test: not part of the site outage";
        await browser.ClickAsync(leedsRow, "Leeds incident's row");
        await browser.WaitForAsync($"document.querySelector('#incident[data-id=\"{leeds}\"]') && document.getElementById('acknowledge')"
            + " && document.querySelectorAll('#members tbody tr[data-fingerprint]').length === 50", "the incident page with its fifty members", PageWait);
        await browser.TypeAsync("document.getElementById('action-reason')", Reason, "reason field");

        // Why one of its members joined it: the correlator's decision record.
        var alarm = posted[9]; // one of the Leeds alarms (leeds-dev-10)
        await browser.ClickAsync($"document.querySelector('#members button.why[data-alarm=\"{alarm}\"]')", "member's \"why?\" button");
        var record = await _pipeline.Client.GetFromJsonAsync<JsonElement>($"/api/v1/alarms/{alarm}/explanation");
        var decidedBy = record.GetProperty("decidedBy").GetString()!;
        await browser.WaitForAsync($"[...document.querySelectorAll('pre.explain')].some(p => p.textContent.includes({Js(alarm.ToString())})"
            + $" && p.textContent.includes('\"decidedBy\": ' + {Js(JsonSerializer.Serialize(decidedBy))}) && p.textContent.includes({Js(leeds)}))",
            "the member's explanation: the correlator's decision record", PageWait);
        await browser.ScreenshotAsync(Path.Combine(screenshots, "incident.png"));

        // Acknowledged: the console publishes it and shows it when it comes back through the projection.
        await browser.ClickAsync("document.getElementById('acknowledge')", "Acknowledge button");
        await browser.WaitForAsync($"document.getElementById('ack-status').textContent.startsWith({Js("Acknowledged by " + operatorName)})",
            "the acknowledgement", PageWait);
        var acknowledged = await IncidentAsync(leedsId);
        Assert.That(acknowledged.GetProperty("incident").GetProperty("acknowledgedBy").GetString(), Is.EqualTo(operatorName));
        Assert.That((await browser.EvaluateAsync("document.getElementById('action-reason').value")).GetString(), Is.EqualTo(Reason),
            "the reason typed before the page redrew is still there");

        // One alarm split out: the correlator moves it to a new incident and the page drops it from the members.
        var splitMember = $"document.querySelector('#members button.why[data-alarm=\"{posted[49]}\"]').closest('tr')";
        var fingerprint = (await browser.EvaluateAsync($"{splitMember}.dataset.fingerprint")).GetString()!;
        await browser.ClickAsync($"{splitMember}.querySelector('input.member-select')", "member's checkbox");
        await browser.ClickAsync("document.getElementById('split')", "Split selected out button");
        await browser.WaitForAsync($"document.querySelectorAll('#members tbody tr[data-fingerprint]').length === 49"
            + $" && !document.querySelector('#members tbody tr[data-fingerprint=\"{fingerprint}\"]')"
            + " && document.getElementById('timeline').textContent.includes('moved 1 condition(s)')",
            "the member gone after the correlator's AlarmsMoved", PageWait);
        var audit = await _pipeline.Client.GetFromJsonAsync<JsonElement>($"/api/v1/audit?incident={leedsId}&action=SplitIncident");
        Assert.That(audit.EnumerateArray().Select(a => a.GetProperty("detail").GetProperty("reason").GetString()), Is.EqualTo(new[] { Reason }),
            "the split was asked for once, with the reason the operator typed");

        // The new incident holds the alarm split out, and the list shows it next to the Leeds incident, one smaller.
        var split = await Eventually.ReturnsAsync(() => IncidentHoldingAsync(fingerprint, leedsId), id => id is not null, Patience,
            "the console's incident holding the alarm split out");
        await browser.ClickAsync("document.getElementById('nav-incidents')", "Incidents link");
        var splitRow = Row(split!.Value.ToString());
        await browser.WaitForAsync($"{splitRow} && !{Before}.has({Js(split.Value.ToString())}) && {splitRow}.querySelector('.storm').textContent === '1'"
            + $" && {leedsRow} && {leedsRow}.querySelector('.storm').textContent === '49'",
            "the split-out alarm's new incident on the list and the Leeds incident one smaller", PageWait);
        await browser.ScreenshotAsync(Path.Combine(screenshots, "incident-list-after-split.png"));

        // Throughput: the charts count the storm's alarms (and those of the other tests of this pipeline).
        await browser.ClickAsync("document.getElementById('nav-throughput')", "Throughput link");
        await browser.WaitForAsync("document.querySelector('#chart-alarms polyline') && document.querySelector('#chart-latency polyline')"
            + " && parseInt(document.getElementById('totals').textContent, 10) >= 55", "the throughput charts counting the storm", PageWait);
        await browser.ScreenshotAsync(Path.Combine(screenshots, "throughput.png"));

        foreach (var file in Directory.GetFiles(screenshots, "*.png"))
        {
            TestContext.AddTestAttachment(file);
        }

        Assert.That(browser.PageLog.Where(l => l.Contains("exceptionDetails", StringComparison.Ordinal)), Is.Empty, "no script errors on the page");
    }

    /// <summary>The open incident on the console, other than <paramref name="except"/>, whose members hold the condition.</summary>
    private async Task<Guid?> IncidentHoldingAsync(string fingerprint, Guid except)
    {
        var open = await _pipeline.Client.GetFromJsonAsync<JsonElement>("/api/v1/incidents?state=open&site=leeds&limit=1000");
        foreach (var id in open.EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Where(id => id != except))
        {
            var members = await _pipeline.Client.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{id}/members");
            if (members.EnumerateArray().Any(m => m.GetProperty("fingerprint").GetString() == fingerprint))
            {
                return id;
            }
        }

        return null;
    }

    private static string Row(string id) => $"document.querySelector('#rows tr[data-id=\"{id}\"]')";

    /// <summary>A string as a script literal.</summary>
    private static string Js(string value) => JsonSerializer.Serialize(value);
}
