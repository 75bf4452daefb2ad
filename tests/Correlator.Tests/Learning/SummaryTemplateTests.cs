using Correlation.Correlator.Learning;

namespace Correlation.Correlator.Tests.Learning;

public class SummaryTemplateTests
{
    [TestCase("s011-asw-03: CRC errors rising on Gi1/0/32", "s002-asw-01: CRC errors rising on Gi0/4", "<id> crc errors rising on <if>")]
    [TestCase("peer 10.0.1.17 lost", "peer 192.168.200.1:179, lost", "peer <ip> lost")]
    [TestCase("1,000 errors", "999 errors.", "<num> errors")]
    [TestCase("peer fe80::1 lost", "peer 2001:db8::17 lost", "peer <ip> lost")]
    [TestCase("CPU above 90% for 5 minutes", "CPU above 75% for 15 minutes", "cpu above <num> for <num> minutes")]
    [TestCase("session 0xdeadbeef reset", "session 0x1f reset", "session <hex> reset")]
    [TestCase("request 3f2504e0-4f89-11d3-9a0c-0305e82c3301 failed", "request 9b2c1d00-1111-2222-3333-444455556666 failed", "request <hex> failed")]
    [TestCase("port 00:1a:2b:3c:4d:5e moved", "port 0011.2233.4455 moved", "port <mac> moved")]
    [TestCase("eth0 down", "Po12 down", "<if> down")]
    [TestCase("xe-0/0/1.100 down", "ge-1/2/3 down", "<if> down")]
    [TestCase("latency 500ms", "latency 12.5ms", "latency <num> ms")]
    [TestCase("checked at 2026-03-02 10:15:00", "checked at 2025-12-31 23:59:59", "checked at <num> <num>")]
    public void Instances_of_one_kind_read_the_same(string first, string second, string template)
    {
        Assert.That(SummaryTemplate.Of(first), Is.EqualTo(template));
        Assert.That(SummaryTemplate.Of(second), Is.EqualTo(template));
    }

    [Test]
    public void Words_are_lower_cased_letters_joined_by_single_spaces()
    {
        Assert.That(SummaryTemplate.Of("  BGP neighbour   DOWN (hold-timer expired); state=Idle  "),
            Is.EqualTo("bgp neighbour down hold timer expired state idle"));
        Assert.That(SummaryTemplate.Of("Störung: Verbindung unterbrochen"), Is.EqualTo("störung verbindung unterbrochen"));
    }

    [Test]
    public void Different_wording_stays_different()
    {
        Assert.That(SummaryTemplate.Of("interface Gi0/1 down"), Is.Not.EqualTo(SummaryTemplate.Of("interface Gi0/1 up")));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("  ... ;; ")]
    public void A_summary_without_words_has_an_empty_template(string? summary)
    {
        Assert.That(SummaryTemplate.Of(summary), Is.Empty);
    }

    [Test]
    public void Only_the_first_words_are_kept()
    {
        var template = SummaryTemplate.Of(string.Join(' ', Enumerable.Repeat("word 7", 100)));

        Assert.That(template.Split(' '), Has.Length.EqualTo(SummaryTemplate.MaxWords));
    }
}
