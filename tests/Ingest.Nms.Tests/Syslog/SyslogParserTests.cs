using System.Text;
using Correlation.Ingest.Nms.Syslog;

namespace Correlation.Ingest.Nms.Tests.Syslog;

public class SyslogParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static DecodeResult<SyslogMessage> Parse(string line) => SyslogParser.Parse(Encoding.UTF8.GetBytes(line), Now);

    [Test]
    public void An_RFC_5424_message_gives_every_header_field()
    {
        var message = Parse("<165>1 2026-11-23T09:15:03.123456+01:00 core-1.leeds evntslog 4321 ID47 " +
            "[exampleSDID@32473 iut=\"3\" eventSource=\"App\\\"lication\"][x@1 a=\"]\\]\"] \uFEFFAn application event\n").Value!;

        Assert.Multiple(() =>
        {
            Assert.That(message.Format, Is.EqualTo(SyslogFormat.Rfc5424));
            Assert.That(message.Facility, Is.EqualTo(20));
            Assert.That(message.Severity, Is.EqualTo(5));
            Assert.That(message.Timestamp, Is.EqualTo(new DateTimeOffset(2026, 11, 23, 9, 15, 3, TimeSpan.FromHours(1)).AddTicks(1234560)));
            Assert.That(message.Hostname, Is.EqualTo("core-1.leeds"));
            Assert.That(message.AppName, Is.EqualTo("evntslog"));
            Assert.That(message.ProcId, Is.EqualTo("4321"));
            Assert.That(message.MsgId, Is.EqualTo("ID47"));
            Assert.That(message.StructuredData, Is.EqualTo("[exampleSDID@32473 iut=\"3\" eventSource=\"App\\\"lication\"][x@1 a=\"]\\]\"]"));
            Assert.That(message.Message, Is.EqualTo("An application event"));
        });
    }

    [Test]
    public void An_RFC_5424_message_with_nil_fields_and_no_text_is_accepted()
    {
        var message = Parse("<0>1 - - - - - -").Value!;

        Assert.That(message, Is.EqualTo(new SyslogMessage(SyslogFormat.Rfc5424, 0, 0, null, null, null, null, null, null, "")));
    }

    [Test]
    public void An_RFC_3164_message_gives_host_tag_pid_and_text_with_the_time_read_as_UTC_this_year()
    {
        var message = Parse("<187>Nov  3 09:23:38 leeds-sw-1 cisco[112]: %LINK-3-UPDOWN: Interface Gi0/1, changed state to down").Value!;

        Assert.Multiple(() =>
        {
            Assert.That(message.Format, Is.EqualTo(SyslogFormat.Rfc3164));
            Assert.That(message.Facility, Is.EqualTo(23));
            Assert.That(message.Severity, Is.EqualTo(3));
            Assert.That(message.Timestamp, Is.EqualTo(new DateTimeOffset(2026, 11, 3, 9, 23, 38, TimeSpan.Zero)));
            Assert.That(message.Hostname, Is.EqualTo("leeds-sw-1"));
            Assert.That(message.AppName, Is.EqualTo("cisco"));
            Assert.That(message.ProcId, Is.EqualTo("112"));
            Assert.That(message.Message, Is.EqualTo("%LINK-3-UPDOWN: Interface Gi0/1, changed state to down"));
        });
    }

    [Test]
    public void An_RFC_3164_December_message_received_in_January_is_from_last_year()
    {
        var message = SyslogParser.Parse("<13>Dec 31 23:59:59 h t: x"u8, new DateTimeOffset(2027, 1, 1, 0, 0, 5, TimeSpan.Zero)).Value!;

        Assert.That(message.Timestamp!.Value.Year, Is.EqualTo(2026));
    }

    [Test]
    public void An_RFC_3164_message_without_a_header_is_kept_whole()
    {
        var message = Parse("<189>123: *Mar  1 00:00:01.123: %SYS-5-CONFIG_I: Configured from console").Value!;

        Assert.Multiple(() =>
        {
            Assert.That(message.Hostname, Is.Null);
            Assert.That(message.AppName, Is.Null);
            Assert.That(message.Message, Is.EqualTo("123: *Mar  1 00:00:01.123: %SYS-5-CONFIG_I: Configured from console"));
        });
    }

    [TestCase("", SyslogRejection.Empty)]
    [TestCase("\r\n", SyslogRejection.Empty)]
    [TestCase("no pri", SyslogRejection.BadPri)]
    [TestCase("<192>1 - - - - - -", SyslogRejection.BadPri)]
    [TestCase("<013>x", SyslogRejection.BadPri)]
    [TestCase("<13", SyslogRejection.BadPri)]
    [TestCase("<13>2 - - - - - -", SyslogRejection.BadVersion)]
    [TestCase("<13>1 2026-13-01T00:00:00Z h a p m -", SyslogRejection.BadTimestamp)]
    [TestCase("<13>1 yesterday h a p m -", SyslogRejection.BadTimestamp)]
    [TestCase("<13>1 - h a p", SyslogRejection.BadHeader)]
    [TestCase("<13>1 - h aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa p m -", SyslogRejection.BadHeader)]
    [TestCase("<13>1 - h a p m [unclosed", SyslogRejection.BadStructuredData)]
    [TestCase("<13>1 - h a p m [id k=v]", SyslogRejection.BadStructuredData)]
    [TestCase("<13>1 - h a p m [id k=\"v\"]text", SyslogRejection.BadStructuredData)]
    [TestCase("<13>1 - h a p m text", SyslogRejection.BadStructuredData)]
    [TestCase("<13>Nov 23 09:23:38 ", SyslogRejection.BadHeader)]
    public void Malformed_messages_are_rejected_with_their_reason(string line, string reason)
    {
        Assert.That(Parse(line).Rejection, Is.EqualTo(reason));
    }
}
