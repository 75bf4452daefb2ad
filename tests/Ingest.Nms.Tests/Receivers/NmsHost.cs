using System.Diagnostics.Metrics;
using System.Net;
using Correlation.Contracts;
using Correlation.Ingest.Nms.Listening;
using Correlation.Testing;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Correlation.Ingest.Nms.Tests.Receivers;

/// <summary>
/// The NMS receivers on 127.0.0.1 with ports the system picks, publishing to MassTransit's in-memory
/// harness; its counters are read through <see cref="Counters"/>. Stopped at the end of the test.
/// </summary>
internal sealed class NmsHost : IAsyncDisposable
{
    private NmsHost(LocalWebHost web)
    {
        Web = web;
        Counters = new NmsCounters(web.Services.GetRequiredService<IMeterFactory>());
    }

    public LocalWebHost Web { get; }

    public NmsCounters Counters { get; }

    public static async Task<NmsHost> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>
        {
            ["Nms:Snmp:Port"] = "0",
            ["Nms:Syslog:UdpPort"] = "0",
            ["Nms:Syslog:TcpPort"] = "0",
            ["Nms:Publish:BatchWait"] = "00:00:00.005",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return new NmsHost(await HarnessHost.StartAsync(b => b.AddIngestNms(), settings: all));
    }

    public int Port(string listener) => Web.Services.GetRequiredService<NmsListeners>().EndpointOf(listener).Port;

    public IPEndPoint Endpoint(string listener) => Web.Services.GetRequiredService<NmsListeners>().EndpointOf(listener);

    public IReadOnlyList<Alarm> Published() =>
        [.. Web.Harness().Published.Select<AlarmsReceived>().SelectMany(p => p.Context.Message.Alarms)];

    /// <summary>Waits until at least <paramref name="count"/> alarms were published.</summary>
    public async Task<IReadOnlyList<Alarm>> PublishedAsync(int count) =>
        await Eventually.ReturnsAsync(() => Task.FromResult(Published()), a => a.Count >= count, TimeSpan.FromSeconds(15),
            $"{count} published alarm(s)");

    /// <summary>Waits until a counter reaches a value.</summary>
    public async Task CounterAsync(string counter, string listener, long expected, string? reason = null) =>
        await Eventually.ReturnsAsync(() => Task.FromResult(Counters.Get(counter, listener, reason)), v => v >= expected,
            TimeSpan.FromSeconds(15), $"{counter}{(reason is null ? "" : "/" + reason)} of {listener} to reach {expected}");

    public async ValueTask DisposeAsync()
    {
        Counters.Dispose();
        await Web.DisposeAsync();
    }
}
