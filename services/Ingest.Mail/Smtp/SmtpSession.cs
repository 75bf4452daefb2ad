using System.Globalization;
using System.Net;
using Correlation.Ingest.Mail.Ingesting;
using Correlation.Ingest.Mail.Parsing;

namespace Correlation.Ingest.Mail.Smtp;

/// <summary>
/// The server side of one SMTP dialogue (RFC 5321): EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT, with
/// SIZE and PIPELINING advertised. A message is answered 250 only once the broker has confirmed its
/// alarm; when it has not, 451 tells the sender's mail server to keep the message and try again.
/// </summary>
public sealed partial class SmtpSession(
    SmtpConnection connection,
    IPEndPoint remote,
    SmtpOptions options,
    RecipientPolicy recipients,
    MailIngestor ingestor,
    ILogger logger)
{
    public const string Source = "smtp";

    private string? _helo;
    private string? _sender;
    private readonly List<string> _recipients = [];
    private int _badCommands;

    public async Task RunAsync(CancellationToken stopping)
    {
        await connection.ReplyAsync($"220 {options.HostName} ESMTP Correlation alert mail receiver ready");
        while (true)
        {
            string? line;
            using (var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping))
            {
                idle.CancelAfter(options.CommandTimeout);
                try
                {
                    line = await connection.ReadCommandAsync(idle.Token);
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    await connection.ReplyAsync("421 4.4.2 Idle for too long, closing");
                    return;
                }
            }

            if (line is null || !await HandleAsync(line, stopping))
            {
                return;
            }
        }
    }

    /// <returns>False when the session is over.</returns>
    private async Task<bool> HandleAsync(string line, CancellationToken stopping)
    {
        if (ReferenceEquals(line, SmtpConnection.TooLong))
        {
            return await BadAsync("500 5.5.6 Line too long");
        }

        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var verb = (space < 0 ? line : line[..space]).ToUpperInvariant();
        var argument = space < 0 ? "" : line[(space + 1)..].Trim();
        switch (verb)
        {
            case "EHLO" or "HELO":
                return await HelloAsync(verb, argument);
            case "MAIL":
                return await MailAsync(argument);
            case "RCPT":
                return await RecipientAsync(argument);
            case "DATA":
                return await DataAsync(argument, stopping);
            case "RSET":
                Reset();
                return await OkAsync("250 2.0.0 Reset");
            case "NOOP":
                return await OkAsync("250 2.0.0 OK");
            case "VRFY":
                return await OkAsync("252 2.5.2 Cannot verify users; send mail and it will be tried");
            case "HELP":
                return await OkAsync("214 2.0.0 Commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT");
            case "QUIT":
                await connection.ReplyAsync($"221 2.0.0 {options.HostName} closing");
                return false;
            case "EXPN" or "STARTTLS" or "AUTH" or "BDAT" or "ETRN" or "TURN":
                return await BadAsync($"502 5.5.1 {verb} is not implemented");
            default:
                return await BadAsync("500 5.5.2 Command not recognised");
        }
    }

    private async Task<bool> HelloAsync(string verb, string argument)
    {
        if (argument.Length == 0 || argument.Any(char.IsControl))
        {
            return await BadAsync($"501 5.5.4 Syntax: {verb} hostname");
        }

        Reset();
        _helo = SmtpPath.Printable(argument);
        if (verb == "HELO")
        {
            return await OkAsync($"250 {options.HostName}");
        }

        await connection.ReplyAsync($"250-{options.HostName} greets {_helo}");
        await connection.ReplyAsync($"250-SIZE {options.MaxMessageBytes.ToString(CultureInfo.InvariantCulture)}");
        await connection.ReplyAsync("250-8BITMIME");
        await connection.ReplyAsync("250-ENHANCEDSTATUSCODES");
        return await OkAsync("250 PIPELINING");
    }

    private async Task<bool> MailAsync(string argument)
    {
        if (_helo is null)
        {
            return await BadAsync("503 5.5.1 Say EHLO or HELO first");
        }

        if (_sender is not null)
        {
            return await BadAsync("503 5.5.1 Sender already given; RSET to start again");
        }

        if (!SmtpPath.TryParse(argument, "FROM", out var address, out var parameters, out var error))
        {
            return await BadAsync($"501 5.5.4 {error}");
        }

        foreach (var (name, value) in parameters)
        {
            switch (name)
            {
                case "SIZE" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size):
                    if (size > options.MaxMessageBytes)
                    {
                        ingestor.Reject(Source, MailRejection.TooLarge, $"declared SIZE {size}", address);
                        return await OkAsync($"552 5.3.4 Message size exceeds the fixed maximum of {options.MaxMessageBytes} bytes");
                    }

                    break;
                case "BODY" when value.ToUpperInvariant() is "7BIT" or "8BITMIME":
                    break;
                default:
                    return await BadAsync($"555 5.5.4 Parameter {SmtpPath.Printable(name)} not recognised");
            }
        }

        _sender = address;
        return await OkAsync("250 2.1.0 Sender OK");
    }

    private async Task<bool> RecipientAsync(string argument)
    {
        if (_sender is null)
        {
            return await BadAsync("503 5.5.1 Need MAIL before RCPT");
        }

        if (!SmtpPath.TryParse(argument, "TO", out var address, out var parameters, out var error) || address.Length == 0)
        {
            return await BadAsync($"501 5.5.4 {(error.Length > 0 ? error : "An empty recipient is not allowed")}");
        }

        if (parameters.Count > 0)
        {
            return await BadAsync($"555 5.5.4 Parameter {SmtpPath.Printable(parameters.Keys.First())} not recognised");
        }

        if (!recipients.Allows(address))
        {
            var domain = SmtpPath.Domain(address);
            LogRecipientRefused(logger, remote, domain);
            return await OkAsync($"550 5.7.1 Mail for {SmtpPath.Printable(address)} is not accepted here");
        }

        if (_recipients.Count >= options.MaxRecipients)
        {
            return await OkAsync("452 4.5.3 Too many recipients");
        }

        _recipients.Add(address);
        return await OkAsync("250 2.1.5 Recipient OK");
    }

    private async Task<bool> DataAsync(string argument, CancellationToken stopping)
    {
        if (argument.Length > 0)
        {
            return await BadAsync("501 5.5.4 DATA takes no argument");
        }

        if (_sender is null)
        {
            return await BadAsync("503 5.5.1 Need MAIL before DATA");
        }

        if (_recipients.Count == 0)
        {
            return await BadAsync("554 5.5.1 No valid recipients");
        }

        await connection.ReplyAsync("354 End data with <CR><LF>.<CR><LF>");
        using var message = new MemoryStream();
        DataResult result;
        try
        {
            result = await connection.ReadDataAsync(message, options.MaxMessageBytes, options.DataTimeout, stopping);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            await connection.ReplyAsync("421 4.4.2 No message text for too long, closing");
            return false;
        }

        var envelope = new MailEnvelope(_sender, [.. _recipients]);
        Reset();
        switch (result)
        {
            case DataResult.Closed:
                return false;
            case DataResult.TooLarge:
                ingestor.Reject(Source, MailRejection.TooLarge, $"more than {options.MaxMessageBytes} bytes", envelope.Sender);
                return await OkAsync($"552 5.3.4 Message size exceeds the fixed maximum of {options.MaxMessageBytes} bytes");
        }

        // Not cancelled by a stopping host: the publish is bounded by RabbitMq:PublishTimeout, and the
        // sender is owed an answer for a message the broker may already hold.
        var outcome = await ingestor.IngestAsync(new ArraySegment<byte>(message.GetBuffer(), 0, (int)message.Length), envelope, Source, CancellationToken.None);
        return outcome.Kind switch
        {
            MailOutcomeKind.Accepted => await OkAsync($"250 2.0.0 Accepted as alarm {outcome.Alarm!.Id:N}"),
            MailOutcomeKind.PublishFailed => await OkAsync("451 4.3.0 Not stored: the alarm bus did not confirm; try again later"),
            _ => await OkAsync($"554 5.6.0 Message refused ({outcome.Reason}): {SmtpPath.Printable(outcome.Problem ?? "")}"),
        };
    }

    private void Reset()
    {
        _sender = null;
        _recipients.Clear();
    }

    private async Task<bool> OkAsync(string reply)
    {
        await connection.ReplyAsync(reply);
        return true;
    }

    /// <summary>Answers a bad command; a client that keeps sending them is sent away.</summary>
    private async Task<bool> BadAsync(string reply)
    {
        await connection.ReplyAsync(reply);
        if (++_badCommands < options.MaxBadCommands)
        {
            return true;
        }

        await connection.ReplyAsync("421 4.7.0 Too many bad commands, closing");
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "smtp: refused a recipient in domain {Domain} from {Remote}: not in Mail:Smtp:AllowedRecipientDomains")]
    private static partial void LogRecipientRefused(ILogger logger, IPEndPoint remote, string domain);
}
