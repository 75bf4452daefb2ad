using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Correlation.Benchmarks.Ingest;
using Correlation.Ingest.Nms;
using Correlation.Ingest.Nms.Listening;
using Correlation.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;

namespace Correlation.Benchmarks.Nms;

/// <summary>
/// End to end: traps over UDP on loopback into the running receiver, decoded, mapped, batched and
/// published with the broker's confirm, counted as they land in a queue of the run's own on the real
/// RabbitMQ. Reports traps/s from the first send to the last arrival.
/// </summary>
public static class NmsLoad
{
    public const string Command = "nms-load";
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(string[] args)
    {
        var options = NmsLoadOptions.Parse(args, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync($"{Command}: {error}\n\n{NmsLoadOptions.Usage}");
            return 2;
        }

        var rabbitUrl = Environment.GetEnvironmentVariable("RabbitMq__Url") is { Length: > 0 } url ? url : "amqp://correlation:correlation@127.0.0.1:5679/";
        var prefix = "bench-nms-" + Guid.NewGuid().ToString("N")[..8];
        await using var app = await StartReceiverAsync(rabbitUrl, prefix);
        using var counters = new Counters();
        var target = app.Services.GetRequiredService<NmsListeners>().EndpointOf(NmsListeners.SnmpUdp);

        var factory = new ConnectionFactory { Uri = new Uri(rabbitUrl) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var exchange = $"{prefix}.Correlation.Contracts:AlarmsReceived";
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = (await channel.QueueDeclareAsync($"{prefix}-count", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, exchange, "");
        var runClock = Stopwatch.StartNew();
        var arrived = await AlarmQueueCounter.StartAsync(channel, queue, runClock);

        var traps = Enumerable.Range(1, 1000).Select(SampleTraps.LinkDown).ToArray();
        Console.WriteLine($"{options.Count} v2c linkDown traps ({traps[0].Length} bytes) per run to {target}, broker {new Uri(rabbitUrl).Host}:{new Uri(rabbitUrl).Port}\n");
        Console.WriteLine("| offered rate (traps/s) | sent | received | published (confirmed) | in queue | seconds | end-to-end traps/s |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var rate in options.Rates)
        {
            counters.Reset();
            arrived.Reset();
            var started = runClock.Elapsed;
            await SendAsync(traps, options.Count, rate, target, runClock, started);
            await arrived.WaitForAsync(options.Count, Quiet);
            var inQueue = arrived.Alarms;
            var seconds = (arrived.LastArrival - started).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(rate == 0 ? "unlimited" : rate.ToString("N0", CultureInfo.InvariantCulture))} | {options.Count:N0} | {counters.Received:N0} | {counters.Published:N0} | {inQueue:N0} | {seconds:F2} | {inQueue / seconds:N0} |"));
        }

        await app.StopAsync();
        return 0;
    }

    private static async Task<WebApplication> StartReceiverAsync(string rabbitUrl, string prefix)
    {
        var builder = WebApplication.CreateBuilder([
            $"--RabbitMq:Url={rabbitUrl}", $"--RabbitMq:EntityPrefix={prefix}", "--RabbitMq:TemporaryQueues=true",
            $"--Redis:Configuration={Environment.GetEnvironmentVariable("Redis__Configuration") ?? "127.0.0.1:6390"}",
            "--Nms:Snmp:Port=0", "--Nms:Syslog:UdpEnabled=false", "--Nms:Syslog:TcpEnabled=false",
            "--Logging:LogLevel:Default=Warning", "--urls=http://127.0.0.1:0",
        ]);
        builder.AddServiceDefaults();
        builder.AddIngestNms();
        builder.AddCorrelationBus();
        var app = builder.Build();
        await app.StartAsync();
        return app;
    }

    /// <summary>Sends at <paramref name="rate"/> per second, in bursts each millisecond; 0: as fast as the socket takes them.</summary>
    private static async Task SendAsync(byte[][] traps, int count, int rate, IPEndPoint target, Stopwatch clock, TimeSpan started)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(target);
        for (var sent = 0; sent < count;)
        {
            var due = rate == 0 ? count : (int)Math.Min(count, (clock.Elapsed - started).TotalSeconds * rate + 1);
            for (; sent < due; sent++)
            {
                socket.Send(traps[sent % traps.Length]);
            }

            if (sent < count)
            {
                await Task.Delay(1);
            }
        }
    }

    /// <summary>The receiver's own received and published counters.</summary>
    private sealed class Counters : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _received;
        private long _published;

        public Counters()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == NmsTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                switch (instrument.Name)
                {
                    case "correlation.ingest.nms.received": Interlocked.Add(ref _received, value); break;
                    case "correlation.ingest.nms.published": Interlocked.Add(ref _published, value); break;
                }
            });
            _listener.Start();
        }

        public long Received => Interlocked.Read(ref _received);

        public long Published => Interlocked.Read(ref _published);

        public void Reset()
        {
            Interlocked.Exchange(ref _received, 0);
            Interlocked.Exchange(ref _published, 0);
        }

        public void Dispose() => _listener.Dispose();
    }
}
