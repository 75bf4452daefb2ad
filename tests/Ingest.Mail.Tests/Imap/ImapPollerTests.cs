using Correlation.Contracts;
using Correlation.Ingest.Mail.Ingesting;
using Correlation.Ingest.Mail.Tests.Support;
using Correlation.Testing;
using MailKit.Search;
using Microsoft.Extensions.DependencyInjection;

namespace Correlation.Ingest.Mail.Tests.Imap;

/// <summary>The poller against a real IMAP server (a private dovecot): each mail ingested once, across restarts and broker failures.</summary>
public class ImapPollerTests
{
    private static string Mail(int n) => Mails.NagiosHost("PROBLEM", $"host-{n}", "DOWN").Replace("Message-ID: <", $"Message-ID: <imap-{n}-", StringComparison.Ordinal);

    [Test]
    public async Task Each_mail_is_ingested_exactly_once_also_across_a_restart_of_the_poller()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await dovecot.AppendAsync(Mail(1), Mail(2), Mail(3));

        IReadOnlyList<Alarm> before;
        await using (var first = await MailHost.StartAsync(dovecot.Settings()))
        {
            await first.PublishedAsync(3);
            await Eventually.ReturnsAsync(() => dovecot.CountAsync(SearchQuery.Seen), n => n == 3, TimeSpan.FromSeconds(10), "three mails flagged \\Seen");
            await Task.Delay(600);
            before = first.Published();
        }

        await dovecot.AppendAsync(Mail(4), Mail(5));
        await using var second = await MailHost.StartAsync(dovecot.Settings());
        await second.PublishedAsync(2);
        await Eventually.ReturnsAsync(() => dovecot.CountAsync(SearchQuery.Seen), n => n == 5, TimeSpan.FromSeconds(10), "five mails flagged \\Seen");
        await Task.Delay(600); // a few more polls, which must find nothing to do
        var after = second.Published();

        Assert.Multiple(() =>
        {
            Assert.That(before.Select(a => a.Resource), Is.EquivalentTo(new[] { "host-1", "host-2", "host-3" }));
            Assert.That(after.Select(a => a.Resource), Is.EquivalentTo(new[] { "host-4", "host-5" }));
            Assert.That(before.Concat(after).Select(a => a.IdempotencyKey).Distinct().Count(), Is.EqualTo(5));
            Assert.That(before.Concat(after).All(a => a.SourceKind == SourceKind.Email && a.AlarmType == "host_down"), Is.True);
        });
    }

    [Test]
    public async Task A_mail_whose_alarm_the_broker_did_not_confirm_stays_unseen_and_is_taken_again_with_the_same_key()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await dovecot.AppendAsync(Mail(1), Mail(2));
        var sink = new CrashingSink(failures: 1);

        await using var host = await MailHost.StartAsync(dovecot.Settings(), s => s.AddSingleton<IMailAlarmSink>(sink));
        await Eventually.ReturnsAsync(() => dovecot.CountAsync(SearchQuery.Seen), n => n == 2, TimeSpan.FromSeconds(15), "both mails flagged \\Seen");
        await Task.Delay(600);

        var keys = sink.Attempts.Select(a => a.IdempotencyKey).ToList();
        Assert.Multiple(() =>
        {
            // The first attempt failed as a crash after the confirm would: the mail was not marked, so it came
            // again, with the key that lets the correlator drop the copy.
            Assert.That(keys, Has.Count.EqualTo(3));
            Assert.That(keys[1], Is.EqualTo(keys[0]));
            Assert.That(keys.Distinct().Count(), Is.EqualTo(2));
            Assert.That(sink.Confirmed.Select(a => a.Resource), Is.EqualTo(new[] { "host-1", "host-2" }));
        });
    }

    [Test]
    public async Task With_a_folder_to_move_to_taken_mails_leave_the_inbox_and_malformed_ones_are_counted_and_moved_too()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await dovecot.AppendAsync(Mail(1), Mails.Raw("=?utf-8?Q?x?=", "x", from: "=?utf-8?Q?E=0D=0AX?= <e@x.example>"));
        var settings = dovecot.Settings();
        settings["Mail:Imap:MoveTo"] = "Processed";

        await using var host = await MailHost.StartAsync(settings);
        await host.PublishedAsync(1);
        await host.RejectedAsync("imap", "header_injection", 1);
        await Eventually.ReturnsAsync(() => dovecot.CountAsync(SearchQuery.All, "Processed"), n => n == 2, TimeSpan.FromSeconds(10), "two mails in Processed");

        Assert.That(await dovecot.CountAsync(SearchQuery.All), Is.Zero);
        await Task.Delay(600);
        Assert.That(host.Published(), Has.Count.EqualTo(1));
    }

    /// <summary>Fails the first <paramref name="failures"/> alarms after "publishing" them, then confirms; records every attempt.</summary>
    private sealed class CrashingSink(int failures) : IMailAlarmSink
    {
        private int _calls;

        public List<Alarm> Attempts { get; } = [];

        public List<Alarm> Confirmed { get; } = [];

        public Task<bool> PublishAsync(Alarm alarm, string source, CancellationToken cancellationToken)
        {
            lock (Attempts)
            {
                Attempts.Add(alarm);
                if (++_calls <= failures)
                {
                    throw new InvalidOperationException("simulated crash between the broker's confirm and marking the mail");
                }

                Confirmed.Add(alarm);
            }

            return Task.FromResult(true);
        }
    }
}
