using Correlation.Ingest.Mail.Ingesting;
using Correlation.Ingest.Mail.Parsing;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Mail.Imap;

/// <summary>
/// Polls a shared mailbox (Mail:Imap) and ingests each message not yet done. A message is marked done
/// (\Seen, or moved to Mail:Imap:MoveTo) only after the broker confirmed its alarm, so a crash or a
/// broker outage never loses one: it is simply still there at the next poll. The one window left is a
/// crash after the confirm and before the mark; the message is then published again at the next poll
/// with the same idempotency key (its Message-ID), which the correlator deduplicates. Messages are read
/// with BODY.PEEK, so reading never marks them by itself.
/// </summary>
public sealed partial class ImapPoller(
    IOptions<MailOptions> options,
    MailIngestor ingestor,
    MailTelemetry telemetry,
    TimeProvider time,
    ILogger<ImapPoller> logger) : BackgroundService
{
    public const string Source = "imap";

    private ImapOptions Imap => options.Value.Imap;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Imap.Enabled)
        {
            return;
        }

        LogPolling(logger, Imap.Host, Imap.Folder, Imap.PollInterval);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var more = await PollAsync(stoppingToken);
                telemetry.Poll("ok");
                failures = 0;
                wait = more ? TimeSpan.Zero : Imap.PollInterval;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                telemetry.Poll("failed");
                failures++;
                wait = TimeSpan.FromTicks(Math.Min(Imap.MaxRetryDelay.Ticks, Imap.PollInterval.Ticks * (1L << Math.Min(failures, 16))));
                LogPollFailed(logger, Imap.Host, Imap.Folder, wait, ex);
            }

            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One poll: connect, take up to Mail:Imap:MaxMessagesPerPoll messages, disconnect.</summary>
    /// <returns>True when more messages wait than one poll takes.</returns>
    public async Task<bool> PollAsync(CancellationToken cancellationToken)
    {
        using var client = new ImapClient { Timeout = (int)Imap.Timeout.TotalMilliseconds };
        await client.ConnectAsync(Imap.Host, Imap.Port, Imap.Security, cancellationToken);
        await client.AuthenticateAsync(Imap.Username, Imap.Password, cancellationToken);
        var folder = Imap.Folder.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? client.Inbox : await client.GetFolderAsync(Imap.Folder, cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        var target = Imap.MoveTo.Length == 0 ? null : await FolderAsync(client, Imap.MoveTo, cancellationToken);

        // With a folder to move to, whatever is still here is still to do, even if a person has read it.
        var waiting = await folder.SearchAsync(target is null ? SearchQuery.NotSeen : SearchQuery.All, cancellationToken);
        var batch = waiting.OrderBy(u => u.Id).Take(Imap.MaxMessagesPerPoll).ToList();
        var more = waiting.Count > batch.Count;
        if (batch.Count > 0)
        {
            var summaries = await folder.FetchAsync(batch, new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Size), cancellationToken);
            foreach (var summary in summaries.OrderBy(s => s.UniqueId.Id))
            {
                if (!await TakeAsync(folder, summary, cancellationToken))
                {
                    // The broker did not confirm: leave this and the rest for the next poll.
                    more = false;
                    break;
                }

                await MarkDoneAsync(folder, summary.UniqueId, target, cancellationToken);
            }
        }

        await client.DisconnectAsync(true, cancellationToken);
        return more;
    }

    /// <returns>False when the message must stay to be tried again.</returns>
    private async Task<bool> TakeAsync(IMailFolder folder, IMessageSummary summary, CancellationToken cancellationToken)
    {
        if (summary.Size > (uint)Imap.MaxMessageBytes)
        {
            // Never fetched; marked done so that it is not weighed again at every poll. It stays in the mailbox for people.
            ingestor.Reject(Source, MailRejection.TooLarge, $"message {summary.UniqueId} is {summary.Size} bytes, over Mail:Imap:MaxMessageBytes", "");
            return true;
        }

        using var buffer = new MemoryStream();
        await using (var stream = await folder.GetStreamAsync(summary.UniqueId, cancellationToken))
        {
            await stream.CopyToAsync(buffer, cancellationToken);
        }

        var outcome = await ingestor.IngestAsync(new ArraySegment<byte>(buffer.GetBuffer(), 0, (int)buffer.Length), MailEnvelope.None, Source, cancellationToken);
        return outcome.Kind != MailOutcomeKind.PublishFailed;
    }

    private static async Task MarkDoneAsync(IMailFolder folder, UniqueId uid, IMailFolder? target, CancellationToken cancellationToken)
    {
        if (target is null)
        {
            await folder.AddFlagsAsync(uid, MessageFlags.Seen, true, cancellationToken);
        }
        else
        {
            await folder.MoveToAsync(uid, target, cancellationToken);
        }
    }

    private static async Task<IMailFolder> FolderAsync(ImapClient client, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetFolderAsync(name, cancellationToken);
        }
        catch (FolderNotFoundException)
        {
            var root = client.GetFolder(client.PersonalNamespaces[0]);
            return await root.CreateAsync(name, true, cancellationToken)
                ?? throw new InvalidOperationException($"imap: the server would not create the folder {name} (Mail:Imap:MoveTo)");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "imap: polling {Host} folder {Folder} every {Interval}")]
    private static partial void LogPolling(ILogger logger, string host, string folder, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "imap: polling {Host} folder {Folder} failed; trying again in {Wait}")]
    private static partial void LogPollFailed(ILogger logger, string host, string folder, TimeSpan wait, Exception exception);
}
