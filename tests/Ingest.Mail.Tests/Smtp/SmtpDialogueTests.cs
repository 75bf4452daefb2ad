using Correlation.Contracts;
using Correlation.Ingest.Mail.Ingesting;
using Correlation.Ingest.Mail.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Correlation.Ingest.Mail.Tests.Support.SmtpTestClient;

namespace Correlation.Ingest.Mail.Tests.Smtp;

/// <summary>The SMTP dialogue byte for byte: replies, order rules, limits, and what a message must go through to be answered 250.</summary>
public class SmtpDialogueTests
{
    [Test]
    public async Task EHLO_advertises_the_size_limit_and_pipelining()
    {
        await using var host = await MailHost.StartAsync(new Dictionary<string, string> { ["Mail:Smtp:MaxMessageBytes"] = "50000" });
        await using var client = await ConnectAsync(host.Smtp);

        var ehlo = await client.CommandAsync("EHLO monitor.example");

        Assert.Multiple(() =>
        {
            Assert.That(client.Greeting, Does.StartWith("220 "));
            Assert.That(ehlo.Split('\n'), Does.Contain("250-SIZE 50000"));
            Assert.That(ehlo.Split('\n')[^1], Is.EqualTo("250 PIPELINING"));
        });
    }

    [Test]
    public async Task Dot_stuffed_lines_arrive_with_their_leading_dot_and_a_lone_dot_ends_the_message()
    {
        await using var host = await MailHost.StartAsync();
        await using var client = await ConnectAsync(host.Smtp);

        // The client doubles a leading dot; ". " and ".." lines are text, only "." alone ends the data.
        var reply = await client.SendMailAsync(Mails.Raw("Dots", "first\n..hidden dot line\n...two dots\n. space\nlast"));

        Assert.That(Code(reply), Is.EqualTo(250), reply);
        var excerpt = (await host.PublishedAsync(1)).Single().Details["excerpt"];
        Assert.That(excerpt, Is.EqualTo("first\n.hidden dot line\n..two dots\n space\nlast"));
    }

    [Test]
    public async Task A_bare_LF_dot_LF_does_not_end_the_message()
    {
        await using var host = await MailHost.StartAsync();
        await using var client = await ConnectAsync(host.Smtp);
        await client.CommandAsync("EHLO a.example");
        await client.CommandAsync("MAIL FROM:<a@a.example>");
        await client.CommandAsync("RCPT TO:<x@noc.example>");
        await client.CommandAsync("DATA");

        // "\n.\n" is how SMTP smuggling hides a second message: here it is text of the first one.
        await client.SendAsync("Subject: one\r\n\r\nbody\n.\nMAIL FROM:<evil@b.example>\r\n.\r\n");

        Assert.That(Code(await client.ReadReplyAsync()), Is.EqualTo(250));
        var alarm = (await host.PublishedAsync(1)).Single();
        Assert.That(alarm.Details["excerpt"], Does.Contain("MAIL FROM:<evil@b.example>"));
        Assert.That(Code(await client.CommandAsync("NOOP")), Is.EqualTo(250), "the session is still in step");
    }

    [Test]
    public async Task RSET_drops_the_transaction_so_RCPT_needs_a_new_MAIL()
    {
        await using var host = await MailHost.StartAsync();
        await using var client = await ConnectAsync(host.Smtp);
        await client.CommandAsync("EHLO a.example");
        Assert.That(Code(await client.CommandAsync("MAIL FROM:<a@a.example>")), Is.EqualTo(250));
        Assert.That(Code(await client.CommandAsync("RCPT TO:<x@noc.example>")), Is.EqualTo(250));

        Assert.That(Code(await client.CommandAsync("RSET")), Is.EqualTo(250));

        Assert.Multiple(async () =>
        {
            Assert.That(Code(await client.CommandAsync("RCPT TO:<x@noc.example>")), Is.EqualTo(503));
            Assert.That(Code(await client.CommandAsync("DATA")), Is.EqualTo(503));
            Assert.That(Code(await client.CommandAsync("MAIL FROM:<b@a.example>")), Is.EqualTo(250), "a new transaction may start");
        });
    }

    [Test]
    public async Task Commands_out_of_order_are_refused_with_503()
    {
        await using var host = await MailHost.StartAsync();
        await using var client = await ConnectAsync(host.Smtp);

        Assert.That(Code(await client.CommandAsync("MAIL FROM:<a@a.example>")), Is.EqualTo(503), "MAIL before EHLO");
        await client.CommandAsync("HELO a.example");
        await client.CommandAsync("MAIL FROM:<a@a.example>");
        Assert.Multiple(async () =>
        {
            Assert.That(Code(await client.CommandAsync("MAIL FROM:<a@a.example>")), Is.EqualTo(503), "a second MAIL");
            Assert.That(Code(await client.CommandAsync("DATA")), Is.EqualTo(554), "DATA without a recipient");
            Assert.That(Code(await client.CommandAsync("NOOP")), Is.EqualTo(250));
            Assert.That(Code(await client.CommandAsync("XYZZY")), Is.EqualTo(500));
            Assert.That(Code(await client.CommandAsync("QUIT")), Is.EqualTo(221));
        });
        Assert.That(await client.ClosedAsync(), Is.True);
    }

    [Test]
    public async Task A_recipient_outside_the_allowed_domains_is_refused_and_postmaster_is_always_taken()
    {
        await using var host = await MailHost.StartAsync();
        await using var client = await ConnectAsync(host.Smtp);
        await client.CommandAsync("EHLO a.example");
        await client.CommandAsync("MAIL FROM:<a@a.example>");

        Assert.Multiple(async () =>
        {
            Assert.That(await client.CommandAsync("RCPT TO:<ops@elsewhere.example>"), Does.StartWith("550 5.7.1"));
            Assert.That(await client.CommandAsync("RCPT TO:<ops@noc.example.evil.test>"), Does.StartWith("550"));
            Assert.That(Code(await client.CommandAsync("RCPT TO:<ops@eu.noc.example>")), Is.EqualTo(250), "a subdomain");
            Assert.That(Code(await client.CommandAsync("RCPT TO:<Postmaster>")), Is.EqualTo(250));
        });
    }

    [Test]
    public async Task A_declared_size_over_the_limit_is_refused_at_MAIL()
    {
        await using var host = await MailHost.StartAsync(new Dictionary<string, string> { ["Mail:Smtp:MaxMessageBytes"] = "10000" });
        await using var client = await ConnectAsync(host.Smtp);
        await client.CommandAsync("EHLO a.example");

        Assert.That(await client.CommandAsync("MAIL FROM:<a@a.example> SIZE=10001"), Does.StartWith("552 5.3.4"));
        Assert.That(Code(await client.CommandAsync("MAIL FROM:<a@a.example> SIZE=9000 BODY=8BITMIME")), Is.EqualTo(250));
        await host.RejectedAsync("smtp", "too_large", 1);
    }

    [Test]
    public async Task A_message_over_the_limit_is_read_to_its_end_refused_with_552_and_the_session_goes_on()
    {
        await using var host = await MailHost.StartAsync(new Dictionary<string, string> { ["Mail:Smtp:MaxMessageBytes"] = "10000" });
        await using var client = await ConnectAsync(host.Smtp);

        var big = Mails.Raw("Big", string.Join("\n", Enumerable.Repeat(new string('x', 500), 40)));
        Assert.That(await client.SendMailAsync(big), Does.StartWith("552 5.3.4"));
        Assert.That(Code(await client.SendMailAsync(Mails.Raw("Small", "fits"))), Is.EqualTo(250), "the next message is taken");

        Assert.That((await host.PublishedAsync(1)).Single().Summary, Is.EqualTo("Small"));
        await host.RejectedAsync("smtp", "too_large", 1);
    }

    [Test]
    public async Task Pipelined_commands_are_answered_in_order()
    {
        await using var host = await MailHost.StartAsync();
        await using var client = await ConnectAsync(host.Smtp);
        await client.CommandAsync("EHLO a.example");

        await client.SendAsync("MAIL FROM:<a@a.example>\r\nRCPT TO:<x@noc.example>\r\nRCPT TO:<y@bad.example>\r\nDATA\r\n");
        var replies = new[] { await client.ReadReplyAsync(), await client.ReadReplyAsync(), await client.ReadReplyAsync(), await client.ReadReplyAsync() };
        await client.SendAsync(Mails.Raw("Pipelined", "text") + "\r\n.\r\nQUIT\r\n");
        var data = await client.ReadReplyAsync();

        Assert.That(replies.Select(Code), Is.EqualTo(new[] { 250, 250, 550, 354 }));
        Assert.That(Code(data), Is.EqualTo(250));
        Assert.That(Code(await client.ReadReplyAsync()), Is.EqualTo(221));
        Assert.That((await host.PublishedAsync(1)).Single().Details["recipients"], Is.EqualTo("x@noc.example"));
    }

    [Test]
    public async Task When_the_broker_does_not_confirm_the_sender_is_told_451_to_try_again_and_then_gets_250()
    {
        var sink = new RefusingSink(refusals: 1);
        await using var host = await MailHost.StartAsync(configureServices: s => s.AddSingleton<IMailAlarmSink>(sink));
        await using var client = await ConnectAsync(host.Smtp);
        var mail = Mails.Raw("Retry me", "text", messageId: "retry-1@monitor.example");

        var first = await client.SendMailAsync(mail);
        var second = await client.SendMailAsync(mail);

        Assert.Multiple(() =>
        {
            Assert.That(first, Does.StartWith("451 4.3.0"));
            Assert.That(second, Does.StartWith("250"));
            Assert.That(sink.Confirmed.Select(a => a.IdempotencyKey), Is.EqualTo(new[] { "mail:retry-1@monitor.example" }));
        });
    }

    [Test]
    public async Task Malformed_mail_is_refused_with_554_and_counted()
    {
        await using var host = await MailHost.StartAsync();
        await using var client = await ConnectAsync(host.Smtp);

        var noHeaders = await client.SendMailAsync("just some text without any header\r\n");
        // An encoded word hides a line break in the sender's name: a header someone could forge from it.
        var injected = await client.SendMailAsync(Mails.Raw("Hello", "text", from: "=?utf-8?Q?Eve=0D=0ABcc=3A_victim=40example.com?= <eve@x.example>"));

        Assert.Multiple(() =>
        {
            Assert.That(noHeaders, Does.StartWith("554 5.6.0 Message refused (malformed_mime)"));
            Assert.That(injected, Does.StartWith("554 5.6.0 Message refused (header_injection)"));
        });
        await host.RejectedAsync("smtp", "malformed_mime", 1);
        await host.RejectedAsync("smtp", "header_injection", 1);
        Assert.That(host.Published(), Is.Empty);
    }

    [Test]
    public async Task A_client_sending_only_garbage_is_sent_away_and_the_receiver_still_serves_others()
    {
        await using var host = await MailHost.StartAsync(new Dictionary<string, string> { ["Mail:Smtp:MaxBadCommands"] = "3" });
        await using (var garbage = await ConnectAsync(host.Smtp))
        {
            await garbage.SendAsync("\u0001\u0002\r\nGET / HTTP/1.1\r\n" + new string('A', 10_000) + "\r\n");
            var replies = new[] { await garbage.ReadReplyAsync(), await garbage.ReadReplyAsync(), await garbage.ReadReplyAsync(), await garbage.ReadReplyAsync() };
            Assert.That(replies.Select(Code), Is.EqualTo(new[] { 500, 500, 500, 421 }));
            Assert.That(replies[2], Does.Contain("too long"));
            Assert.That(await garbage.ClosedAsync(), Is.True);
        }

        await using var client = await ConnectAsync(host.Smtp);
        Assert.That(Code(await client.SendMailAsync(Mails.Raw("Still here", "text"))), Is.EqualTo(250));
    }

    [Test]
    public async Task Connections_over_the_limit_are_told_421()
    {
        await using var host = await MailHost.StartAsync(new Dictionary<string, string> { ["Mail:Smtp:MaxConnections"] = "1" });
        await using var first = await ConnectAsync(host.Smtp);

        await using var second = await ConnectAsync(host.Smtp);

        Assert.That(second.Greeting, Does.StartWith("421 4.3.2"));
        Assert.That(Code(await first.CommandAsync("NOOP")), Is.EqualTo(250));
    }

    [Test]
    public async Task An_idle_client_is_closed_after_the_command_timeout()
    {
        await using var host = await MailHost.StartAsync(new Dictionary<string, string> { ["Mail:Smtp:CommandTimeout"] = "00:00:01" });
        await using var client = await ConnectAsync(host.Smtp);

        Assert.That(await client.ReadReplyAsync(), Does.StartWith("421 4.4.2"));
        Assert.That(await client.ClosedAsync(), Is.True);
    }

    /// <summary>A broker that refuses the first <paramref name="refusals"/> alarms and confirms the rest.</summary>
    private sealed class RefusingSink(int refusals) : IMailAlarmSink
    {
        private int _calls;

        public List<Alarm> Confirmed { get; } = [];

        public Task<bool> PublishAsync(Alarm alarm, string source, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) <= refusals)
            {
                return Task.FromResult(false);
            }

            lock (Confirmed)
            {
                Confirmed.Add(alarm);
            }

            return Task.FromResult(true);
        }
    }
}
