using System.Text;
using Correlation.Ingest.Mail.Parsing;
using Correlation.Ingest.Mail.Tests.Support;

namespace Correlation.Ingest.Mail.Tests.Parsing;

public class MailParserTests
{
    [Test]
    public void A_multipart_alternative_mail_gives_its_plain_text_and_notes_its_attachment_without_reading_it()
    {
        var raw = Mails.Raw("Report", """
            --outer
            Content-Type: multipart/alternative; boundary="alt"

            --alt
            Content-Type: text/plain; charset=utf-8

            Plain words.
            --alt
            Content-Type: text/html; charset=utf-8

            <p>HTML words.</p>
            --alt--
            --outer
            Content-Type: application/pdf; name="graph.pdf"
            Content-Disposition: attachment; filename="graph.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQKJeLjz9MK
            --outer--
            """, headers: "Content-Type: multipart/mixed; boundary=\"outer\"");

        var mail = Mails.Parse(raw);

        Assert.Multiple(() =>
        {
            Assert.That(mail.Text, Is.EqualTo("Plain words."));
            Assert.That(mail.Attachments, Has.Count.EqualTo(1));
            Assert.That(mail.Attachments[0].Name, Is.EqualTo("graph.pdf"));
            Assert.That(mail.Attachments[0].ContentType, Is.EqualTo("application/pdf"));
        });
    }

    [Test]
    public void An_HTML_only_mail_is_reduced_to_its_text()
    {
        var raw = Mails.Raw("Html", "<html><head><style>p{color:red}</style></head><body><p>Link&nbsp;down &amp; out</p><script>alert(1)</script></body></html>",
            headers: "Content-Type: text/html; charset=utf-8");

        Assert.That(Mails.Parse(raw).Text, Is.EqualTo("Link down & out"));
    }

    [Test]
    public void Encoded_words_in_the_subject_and_the_senders_name_are_decoded()
    {
        var raw = Mails.Raw("=?utf-8?Q?Stra=C3=9Fe_gesperrt?=", "x", from: "=?iso-8859-1?Q?J=F6rg?= <jorg@example.com>");

        var mail = Mails.Parse(raw);

        Assert.Multiple(() =>
        {
            Assert.That(mail.Subject, Is.EqualTo("Straße gesperrt"));
            Assert.That(mail.From, Is.EqualTo(new MailSender("jorg@example.com", "Jörg", "example.com")));
        });
    }

    [Test]
    public void Message_ids_tie_a_reply_to_the_first_mail_of_its_thread()
    {
        var first = Mails.Parse(Mails.Raw("Down", "x", messageId: "root@a.example"));
        var reply = Mails.Parse(Mails.Raw("Re: Down", "x", messageId: "second@b.example", headers: ["In-Reply-To: <root@a.example>"]));
        var third = Mails.Parse(Mails.Raw("Re: Re: Down", "x", messageId: "third@c.example",
            headers: ["In-Reply-To: <second@b.example>", "References: <root@a.example> <second@b.example>"]));

        Assert.Multiple(() =>
        {
            Assert.That(first.ThreadRoot, Is.EqualTo("root@a.example"));
            Assert.That(reply.ThreadRoot, Is.EqualTo("root@a.example"));
            Assert.That(third.ThreadRoot, Is.EqualTo("root@a.example"));
            Assert.That(third.MessageId, Is.EqualTo("third@c.example"));
        });
    }

    [Test]
    public void Without_a_From_header_the_envelope_sender_is_used()
    {
        var raw = "Subject: envelope only\r\n\r\ntext\r\n";

        var mail = Mails.Parse(raw, new MailEnvelope("zabbix@monitor.example", ["alerts@noc.example"]));

        Assert.Multiple(() =>
        {
            Assert.That(mail.From.Address, Is.EqualTo("zabbix@monitor.example"));
            Assert.That(mail.Recipients, Is.EqualTo(new[] { "alerts@noc.example" }));
            Assert.That(mail.MessageId, Is.Null);
            Assert.That(mail.ThreadRoot, Is.EqualTo(mail.ContentHash), "a mail without ids is its own thread, keyed by its bytes");
        });
    }

    [TestCase("From: =?utf-8?Q?Eve=0D=0ABcc=3A_x=40y.example?= <eve@x.example>\r\nSubject: s\r\n\r\nx\r\n", "From holds a line break")]
    [TestCase("From: a@b.example\r\nSubject: s\r\nIn-Reply-To: <a\u0007b@x>\r\n\r\nx\r\n", "In-Reply-To")]
    public void Control_characters_in_addresses_and_ids_are_refused_as_header_injection(string raw, string problem)
    {
        var result = MailParser.Parse(Encoding.UTF8.GetBytes(raw), MailEnvelope.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Mail, Is.Null);
            Assert.That(result.Reason, Is.EqualTo(MailRejection.HeaderInjection));
            Assert.That(result.Problem, Does.Contain(problem));
        });
    }

    [TestCase("")]
    [TestCase("no header here, just words\r\n")]
    public void Text_with_no_header_is_refused_as_malformed(string raw)
    {
        var result = MailParser.Parse(Encoding.UTF8.GetBytes(raw), MailEnvelope.None);

        Assert.That(result.Reason, Is.EqualTo(MailRejection.MalformedMime), result.Problem);
    }

    [Test]
    public void A_huge_body_is_cut_at_the_text_limit()
    {
        var mail = Mails.Parse(Mails.Raw("Huge", new string('y', MailParser.MaxTextChars * 2)));

        Assert.Multiple(() =>
        {
            Assert.That(mail.Text, Has.Length.EqualTo(MailParser.MaxTextChars));
            Assert.That(mail.TextTruncated, Is.True);
        });
    }
}
