using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Correlation.ServiceDefaults;
using Microsoft.AspNetCore.Builder;

namespace Correlation.AllInOne.Tests;

/// <summary>
/// HTTPS for every service's HTTP API comes from configuration alone (Kestrel:Endpoints:Https with a certificate file
/// and its password, here as command-line settings; in a deployment the environment or a secret file), and the server
/// does not name its stack.
/// </summary>
public class TlsTests
{
    private const string Password = "walk-pfx-password-3c1d";

    [Test]
    [CancelAfter(60_000)]
    public async Task A_service_serves_HTTPS_from_a_certificate_named_in_configuration_and_sends_no_Server_header()
    {
        var folder = Directory.CreateTempSubdirectory("correlation-tls-");
        try
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=correlation.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
            var path = Path.Combine(folder.FullName, "tls.pfx");
            await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, Password));

            var builder = WebApplication.CreateBuilder(
            [
                "--Kestrel:Endpoints:Https:Url=https://127.0.0.1:0",
                "--Kestrel:Endpoints:Https:Certificate:Path=" + path,
                "--Kestrel:Endpoints:Https:Certificate:Password=" + Password,
                "--RabbitMq:Url=amqp://unused:unused@127.0.0.1:1/",
                "--Redis:Configuration=127.0.0.1:1",
                "--Logging:LogLevel:Default=Warning",
            ]);
            builder.AddServiceDefaults();
            await using var app = builder.Build();
            app.MapServiceDefaults();
            await app.StartAsync();
            try
            {
                var address = app.Urls.Single();
                using var handler = new HttpClientHandler
                {
                    // Trust exactly the certificate configured, as a client pinning the service's certificate would.
                    ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
                };
                using var client = new HttpClient(handler) { BaseAddress = new Uri(address) };

                using var response = await client.GetAsync("/health/live");

                Assert.That(address, Does.StartWith("https://127.0.0.1:"));
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(response.Headers.Server, Is.Empty, "no Server header naming Kestrel");
            }
            finally
            {
                await app.StopAsync();
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [TestCase("http://0.0.0.0:5080", true)]
    [TestCase("http://[::]:5080", true)]
    [TestCase("http://10.1.2.3:5080", true)]
    [TestCase("http://127.0.0.1:5080", false)]
    [TestCase("http://[::1]:5080", false)]
    [TestCase("http://localhost:5080", false)]
    [TestCase("https://0.0.0.0:5443", false)]
    public void Plain_HTTP_that_other_hosts_can_reach_is_warned_about_at_start(string address, bool warned) =>
        Assert.That(ListenerSecurity.IsPlainHttpBeyondLoopback(address), Is.EqualTo(warned));
}
