using System.Net.Sockets;
using System.Text;
using Correlation.Ingest.Mail.Parsing;
using Correlation.Ingest.Mail.Tests.Support;
using static Correlation.Ingest.Mail.Tests.Support.SmtpTestClient;

namespace Correlation.Ingest.Mail.Tests.Fuzz;

/// <summary>Seeded random and mutated input: the parser and the mapper never throw, the receiver never stops.</summary>
public class MalformedInputTests
{
    private static readonly string[] Reasons = [MailRejection.MalformedMime, MailRejection.HeaderInjection];

    private static readonly string[] Seeds =
    [
        Mails.NagiosService("PROBLEM", "h", "s", "CRITICAL"),
        Mails.Zabbix(true, "Disk full", "db-01", "High"),
        Mails.Raw("Multi", "--b\r\nContent-Type: text/html\r\n\r\n<p>x</p><script>y</script>\r\n--b\r\nContent-Type: application/octet-stream; name=a.bin\r\nContent-Transfer-Encoding: base64\r\n\r\nAAAA\r\n--b--\r\n",
            headers: "Content-Type: multipart/mixed; boundary=b"),
        Mails.Raw("=?utf-8?B?w6TDtsO8?=", "x", from: "=?utf-8?Q?J=C3=B6rg?= <j@x.example>", headers: ["References: <a@b> <c@d>", "In-Reply-To: <c@d>"]),
    ];

    [Test]
    public void Random_bytes_never_make_the_parser_or_the_mapper_throw()
    {
        var random = new Random(20261123);
        var mapper = TestMapper.Create();
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 2048)];
            random.NextBytes(bytes);
            Check(bytes, mapper, $"random input {i}");
        }
    }

    [Test]
    public void Mutated_mails_never_make_the_parser_or_the_mapper_throw()
    {
        var random = new Random(5321);
        var mapper = TestMapper.Create();
        ReadOnlySpan<byte> interesting = "\r\n\0:<>@=?\"\\-. \t;/"u8;
        for (var i = 0; i < 3000; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(Seeds[i % Seeds.Length]).ToList();
            for (var m = random.Next(1, 12); m > 0 && bytes.Count > 0; m--)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(4))
                {
                    case 0: bytes[at] = (byte)random.Next(256); break;
                    case 1: bytes.Insert(at, interesting[random.Next(interesting.Length)]); break;
                    case 2: bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 40))); break;
                    default: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(bytes.Count - at, random.Next(1, 200)))); break;
                }
            }

            Check([.. bytes], mapper, $"mutation {i}");
        }
    }

    private static void Check(byte[] bytes, Correlation.Ingest.Mail.Mapping.MailAlarmMapper mapper, string what)
    {
        var result = MailParser.Parse(bytes, MailEnvelope.None);
        if (result.Mail is null)
        {
            Assert.That(Reasons, Does.Contain(result.Reason), what);
            return;
        }

        var alarm = mapper.Map(result.Mail).Alarm;
        Assert.That(alarm.Resource, Is.Not.Empty, what);
        Assert.That(alarm.Summary + alarm.Resource + alarm.IdempotencyKey + string.Concat(alarm.Labels.Values), Does.Not.Contain("\r").And.Not.Contain("\n"), what);
    }

    [Test]
    public async Task Random_bytes_on_many_connections_never_stop_the_receiver()
    {
        await using var host = await MailHost.StartAsync(new Dictionary<string, string> { ["Mail:Smtp:MaxMessageBytes"] = "20000" });
        var random = new Random(25);
        for (var i = 0; i < 30; i++)
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(host.Smtp);
            var stream = tcp.GetStream();
            var garbage = new byte[random.Next(1, 8000)];
            random.NextBytes(garbage);
            if (i % 3 == 0)
            {
                // Into DATA, where a message is read up to its end.
                await stream.WriteAsync("EHLO x\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<c@noc.example>\r\nDATA\r\n"u8.ToArray());
            }

            try
            {
                await stream.WriteAsync(garbage);
                await stream.WriteAsync(i % 2 == 0 ? "\r\n.\r\n"u8.ToArray() : []);
            }
            catch (IOException)
            {
                // The receiver may hang up on garbage: that is allowed, stopping is not.
            }
        }

        await using var client = await ConnectAsync(host.Smtp);
        Assert.That(Code(await client.SendMailAsync(Mails.NagiosHost("PROBLEM", "after-garbage", "DOWN"))), Is.EqualTo(250));
        await Eventually();

        async Task Eventually() =>
            await Correlation.Testing.Eventually.ReturnsAsync(() => Task.FromResult(host.Published().Any(a => a.Resource == "after-garbage")), ok => ok,
                TimeSpan.FromSeconds(15), "the proper mail after the garbage");
    }
}
