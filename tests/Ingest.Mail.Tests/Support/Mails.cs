using System.Text;
using Correlation.Ingest.Mail.Parsing;

namespace Correlation.Ingest.Mail.Tests.Support;

/// <summary>Raw mails as monitoring tools and people send them, CRLF line ends.</summary>
internal static class Mails
{
    public static string Raw(string subject, string body, string from = "nagios@monitor.example", string? messageId = null, params string[] headers)
    {
        var text = new StringBuilder();
        text.Append($"From: {from}\r\nTo: alerts@{MailHost.Domain}\r\nSubject: {subject}\r\n");
        text.Append($"Message-ID: <{messageId ?? Guid.NewGuid().ToString("N") + "@monitor.example"}>\r\n");
        text.Append("Date: Mon, 23 Nov 2026 10:15:00 +0000\r\nMIME-Version: 1.0\r\n");
        foreach (var header in headers)
        {
            text.Append(header).Append("\r\n");
        }

        if (!headers.Any(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase)))
        {
            text.Append("Content-Type: text/plain; charset=utf-8\r\n");
        }

        text.Append("\r\n").Append(body.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal));
        return text.ToString();
    }

    /// <summary>Nagios's notify-service-by-email, as its sample commands.cfg writes it.</summary>
    public static string NagiosService(string type, string host, string service, string state, string? messageId = null) =>
        Raw($"** {type} Service Alert: {host}/{service} is {state} **",
            $"***** Nagios *****\n\nNotification Type: {type}\n\nService: {service}\nHost: {host}\nAddress: 10.10.0.1\nState: {state}\n\nDate/Time: Mon Nov 23 10:15:00 UTC 2026\n\nAdditional Info:\n\nCRITICAL - load average: 9.1\n",
            messageId: messageId);

    public static string NagiosHost(string type, string host, string state) =>
        Raw($"** {type} Host Alert: {host} is {state} **",
            $"***** Nagios *****\n\nNotification Type: {type}\nHost: {host}\nState: {state}\nAddress: 10.10.0.1\nInfo: PING CRITICAL - Packet loss = 100%\n\nDate/Time: Mon Nov 23 10:15:00 UTC 2026\n");

    /// <summary>Zabbix's default trigger action messages (5.0 and later).</summary>
    public static string Zabbix(bool resolved, string problem, string host, string severity) =>
        Raw(resolved ? $"Resolved in 5m 12s: {problem}" : $"Problem: {problem}",
            resolved
                ? $"Problem has been resolved at 10:20:12 on 2026.11.23\nProblem name: {problem}\nProblem duration: 5m 12s\nHost: {host}\nSeverity: {severity}\nOriginal problem ID: 4711\n"
                : $"Problem started at 10:15:00 on 2026.11.23\nProblem name: {problem}\nHost: {host}\nSeverity: {severity}\nOperational data: 97 %\nOriginal problem ID: 4711\n",
            from: "zabbix@monitor.example");

    public static ParsedMail Parse(string raw, MailEnvelope? envelope = null)
    {
        var result = MailParser.Parse(Encoding.UTF8.GetBytes(raw), envelope ?? MailEnvelope.None);
        Assert.That(result.Mail, Is.Not.Null, $"expected the mail to parse, but: {result.Reason} {result.Problem}");
        return result.Mail!;
    }
}
