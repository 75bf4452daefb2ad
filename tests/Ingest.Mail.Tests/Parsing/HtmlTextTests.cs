using System.Diagnostics;
using Correlation.Ingest.Mail.Parsing;

namespace Correlation.Ingest.Mail.Tests.Parsing;

public class HtmlTextTests
{
    [TestCase("<p>one</p><p>two</p>", "one\n\ntwo")]
    [TestCase("a<br>b<br/>c", "a\nb\nc")]
    [TestCase("<table><tr><td>host</td><td>leeds-sw-1</td></tr><tr><td>state</td><td>DOWN</td></tr></table>", "host leeds-sw-1\nstate DOWN")]
    [TestCase("x &lt;b&gt; &amp;amp; &#x41;&#66; &quot;q&quot;", "x <b> &amp; AB \"q\"")]
    [TestCase("<SCRIPT type=\"text/javascript\">document.write('<p>no</p>')</SCRIPT>yes", "yes")]
    [TestCase("<style>p { content: '</p>' }</style>yes", "yes")]
    [TestCase("before<!-- <p>hidden</p> -->after", "beforeafter")]
    [TestCase("<!DOCTYPE html><html><head><title>T</title></head><body>text</body></html>", "text")]
    [TestCase("<a href=\"x\" title='a > b'>link</a>", "link")]
    [TestCase("1 < 2 and 3 > 2", "1 < 2 and 3 > 2")]
    [TestCase("<script>never closed <p>nothing shows", "")]
    [TestCase("lots   of\n\n  space", "lots of space")]
    public void Reduces_markup_to_the_text_a_person_reads(string html, string text) =>
        Assert.That(HtmlText.ToText(html, 10_000), Is.EqualTo(text));

    [Test]
    public void Stops_at_the_length_limit() =>
        Assert.That(HtmlText.ToText(string.Concat(Enumerable.Repeat("<p>word</p>", 1000)), 50).Length, Is.LessThanOrEqualTo(50));

    [TestCase("<")]
    [TestCase("<a")]
    [TestCase("<!")]
    [TestCase("</")]
    [TestCase("<script></")]
    [TestCase("<a '")]
    public void Hostile_markup_takes_time_in_proportion_to_its_length(string unit)
    {
        var html = string.Concat(Enumerable.Repeat(unit, 200_000 / unit.Length));
        var watch = Stopwatch.StartNew();

        HtmlText.ToText(html, 1_000_000);

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)), $"{unit} repeated took {watch.Elapsed}");
    }
}
