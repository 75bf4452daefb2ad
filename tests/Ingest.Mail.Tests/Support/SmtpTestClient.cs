using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Correlation.Ingest.Mail.Tests.Support;

/// <summary>A bare SMTP client for tests of the dialogue: sends exactly the bytes given, reads whole (multi-line) replies.</summary>
internal sealed class SmtpTestClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private SmtpTestClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = new StreamReader(_stream, Encoding.ASCII);
    }

    public string Greeting { get; private set; } = "";

    public static async Task<SmtpTestClient> ConnectAsync(IPEndPoint server)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(server);
        var client = new SmtpTestClient(tcp);
        client.Greeting = await client.ReadReplyAsync();
        return client;
    }

    /// <summary>Reads one reply: lines "250-..." up to the last "250 ...". Empty when the server closed.</summary>
    public async Task<string> ReadReplyAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var reply = new StringBuilder();
        while (true)
        {
            var line = await _reader.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                return reply.ToString();
            }

            reply.Append(line).Append('\n');
            if (line.Length < 4 || line[3] != '-')
            {
                return reply.ToString().TrimEnd('\n');
            }
        }
    }

    public async Task<string> CommandAsync(string line)
    {
        await SendAsync(line + "\r\n");
        return await ReadReplyAsync();
    }

    public async Task SendAsync(string raw) => await SendAsync(Encoding.UTF8.GetBytes(raw));

    public async Task SendAsync(byte[] raw)
    {
        await _stream.WriteAsync(raw);
        await _stream.FlushAsync();
    }

    /// <summary>EHLO, MAIL, RCPT, DATA with <paramref name="message"/> (already dot-stuffed, CRLF line ends); the reply to the end of data.</summary>
    public async Task<string> SendMailAsync(string message, string from = "nagios@monitor.example", string to = "alerts@" + MailHost.Domain)
    {
        Assert.That(await CommandAsync("EHLO test.example"), Does.StartWith("250"));
        Assert.That(await CommandAsync($"MAIL FROM:<{from}>"), Does.StartWith("250"));
        Assert.That(await CommandAsync($"RCPT TO:<{to}>"), Does.StartWith("250"));
        Assert.That(await CommandAsync("DATA"), Does.StartWith("354"));
        await SendAsync(message.EndsWith("\r\n", StringComparison.Ordinal) ? message : message + "\r\n");
        return await CommandAsync(".");
    }

    /// <summary>True when the server has closed the connection (a read returns end of stream).</summary>
    public async Task<bool> ClosedAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return await _reader.ReadLineAsync(timeout.Token) is null;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public static int Code(string reply) => int.Parse(reply.AsSpan(0, 3), provider: System.Globalization.CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
