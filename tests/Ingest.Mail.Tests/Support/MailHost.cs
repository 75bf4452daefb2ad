using System.Diagnostics.Metrics;
using System.Net;
using Correlation.Contracts;
using Correlation.Ingest.Mail.Smtp;
using Correlation.Testing;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Correlation.Ingest.Mail.Tests.Support;

/// <summary>
/// The mail ingest on MassTransit's in-memory harness, its SMTP receiver on 127.0.0.1 with a port the
/// system picks, taking mail for noc.example. Stopped at the end of the test.
/// </summary>
internal sealed class MailHost : IAsyncDisposable
{
    public const string Domain = "noc.example";

    private MailHost(LocalWebHost web)
    {
        Web = web;
        Counters = new IngestCounters(web.Services.GetRequiredService<IMeterFactory>());
    }

    public LocalWebHost Web { get; }

    public IngestCounters Counters { get; }

    public IPEndPoint Smtp => Web.Services.GetRequiredService<SmtpEndpoint>().Bound;

    public static async Task<MailHost> StartAsync(IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var all = new Dictionary<string, string>
        {
            ["Mail:Smtp:Port"] = "0",
            ["Mail:Smtp:AllowedRecipientDomains:0"] = Domain,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return new MailHost(await HarnessHost.StartAsync(b => b.AddIngestMail(), settings: all, configureServices: configureServices));
    }

    public IReadOnlyList<Alarm> Published() =>
        [.. Web.Harness().Published.Select<AlarmsReceived>().SelectMany(p => p.Context.Message.Alarms)];

    public async Task<IReadOnlyList<Alarm>> PublishedAsync(int count) =>
        await Eventually.ReturnsAsync(() => Task.FromResult(Published()), a => a.Count >= count, TimeSpan.FromSeconds(15),
            $"{count} published alarm(s)");

    public async Task RejectedAsync(string source, string reason, long expected) =>
        await Eventually.ReturnsAsync(() => Task.FromResult(Counters.Rejected(source, reason)), v => v >= expected,
            TimeSpan.FromSeconds(15), $"{expected} {reason} rejection(s) from {source}");

    public async ValueTask DisposeAsync()
    {
        Counters.Dispose();
        await Web.DisposeAsync();
    }
}
