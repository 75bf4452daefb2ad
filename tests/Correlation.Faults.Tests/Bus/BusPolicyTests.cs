using System.Diagnostics.Metrics;
using Correlation.ServiceDefaults;
using Correlation.Testing;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Correlation.Faults.Tests.Bus;

/// <summary>The endpoint policies every service gets (BusExtensions), on MassTransit's in-memory harness.</summary>
public class BusPolicyTests
{
    [Test]
    public async Task A_message_that_keeps_failing_is_tried_a_few_times_then_faulted_and_counted_once()
    {
        await using var provider = Provider(new RabbitMqOptions { Retries = 2 }, b => b.AddConsumer<AlwaysFailing>());
        using var faulted = new FaultedCounter();
        var harness = await Start(provider);

        await harness.Bus.Publish(new Poison("bad"));

        Assert.That(await harness.Published.Any<Fault<Poison>>(), Is.True, "faulted (MassTransit moves it to the _error queue)");
        // The observer hears of the fault around the time the Fault event is published, not necessarily before.
        var counted = await Eventually.ReturnsAsync(() => Task.FromResult(faulted.Total("Poison")), n => n > 0, TimeSpan.FromSeconds(10),
            "correlation.messages.faulted to count the poison message");
        Assert.Multiple(() =>
        {
            Assert.That(AlwaysFailing.Attempts, Is.EqualTo(3), "the first try and two retries");
            Assert.That(counted, Is.EqualTo(1), "correlation.messages.faulted counts the message once, not every try");
        });
    }

    [Test]
    public async Task A_faulted_message_is_recorded_in_the_dead_letter_ledger_with_its_queue_consumer_and_failure()
    {
        await using var redis = await RedisTestKeys.CreateAsync("dead-letters");
        await using var provider = Provider(new RabbitMqOptions { Retries = 0 }, b => b.AddConsumer<AlwaysFailing>(), redis);
        var harness = await Start(provider);

        await harness.Bus.Publish(new Poison("bad"));
        await harness.Bus.Publish(new Poison("worse"));

        var ledger = provider.GetRequiredService<DeadLetterLedger>();
        var page = await Eventually.ReturnsAsync(() => ledger.ListAsync(10), p => p.Total == 2, TimeSpan.FromSeconds(10),
            "both poison messages in the ledger");
        var poisons = harness.Published.Select<Fault<Poison>>().Select(f => f.Context.Message.FaultedMessageId).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(page.Items.Select(d => (d.Queue, d.Consumer, d.MessageType, d.Count, d.ErrorType, d.Error)), Is.All.EqualTo(
                ("AlwaysFailing", nameof(AlwaysFailing), nameof(Poison), 1L, typeof(InvalidOperationException).FullName, "this message cannot be handled")),
                "the harness names the queue after the consumer");
            Assert.That(page.Items.Select(d => d.MessageId).ToHashSet(), Is.EquivalentTo(poisons), "each by the id MassTransit faulted it under");
            Assert.That(page.Items[0].At, Is.GreaterThanOrEqualTo(page.Items[1].At), "newest first");
        });
        var rest = await ledger.ListAsync(10, before: page.Items[0].Id);
        Assert.That(rest.Items.Select(d => d.Id), Is.EqualTo(new[] { page.Items[1].Id }), "paged on after the first");
    }

    [Test]
    public void A_failure_is_kept_to_its_first_line_and_a_bounded_length()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DeadLetterLedger.FirstLine("bad alarm\n   at Some.Stack()"), Is.EqualTo("bad alarm"));
            Assert.That(DeadLetterLedger.FirstLine(new string('x', 1000)), Has.Length.EqualTo(DeadLetterLedger.MaxErrorLength).And.EndWith("…"));
        });
    }

    [Test]
    public async Task A_consumer_that_cannot_reach_redis_is_retried_in_place_until_it_can()
    {
        await using var provider = Provider(new RabbitMqOptions { Retries = 0, TransientRetryFor = TimeSpan.FromSeconds(5) },
            b => b.AddConsumer<RedisAwayAtFirst>());
        using var faulted = new FaultedCounter();
        var harness = await Start(provider);

        await harness.Bus.Publish(new Flaky("x"));

        Assert.That(await harness.Consumed.Any<Flaky>(c => c.Exception is null), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(RedisAwayAtFirst.Attempts, Is.EqualTo(4), "three transient failures ridden out, even with no quick retries left");
            Assert.That(faulted.Total("Flaky"), Is.Zero);
        });
    }

    [Test]
    public void Transient_failures_are_those_of_an_unreachable_server_not_of_the_message()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TransientFailures.Is(new RedisConnectionException(ConnectionFailureType.SocketFailure, "down")), Is.True);
            Assert.That(TransientFailures.Is(new RedisTimeoutException("slow", CommandStatus.Sent)), Is.True);
            Assert.That(TransientFailures.Is(new RedisServerException("LOADING Redis is loading the dataset in memory")), Is.True);
            Assert.That(TransientFailures.Is(new RedisServerException("ERR Error running script: bad argument")), Is.False);
            Assert.That(TransientFailures.Is(new InvalidOperationException("wrapped", new TimeoutException())), Is.True);
            Assert.That(TransientFailures.Is(new InvalidOperationException("a bug")), Is.False);
            Assert.That(TransientFailures.Is(new FormatException("bad alarm")), Is.False);
        });
    }

    [Test]
    public void Transient_retries_back_off_to_ten_seconds_and_cover_the_configured_span()
    {
        var intervals = BusExtensions.TransientIntervals(TimeSpan.FromMinutes(2)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(intervals[0], Is.EqualTo(TimeSpan.FromMilliseconds(200)));
            Assert.That(intervals.Max(), Is.EqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(intervals.Aggregate(TimeSpan.Zero, (a, b) => a + b), Is.GreaterThanOrEqualTo(TimeSpan.FromMinutes(2)));
        });
    }

    private static ServiceProvider Provider(RabbitMqOptions options, Action<IBusRegistrationConfigurator> consumers, RedisTestKeys? redis = null)
    {
        AlwaysFailing.Attempts = 0;
        RedisAwayAtFirst.Attempts = 0;
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddLogging();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        if (redis is not null)
        {
            services.AddSingleton<IConnectionMultiplexer>(redis.Connection);
            services.AddSingleton(redis.Options);
        }

        services.AddFaultCounting();
        services.AddMassTransitTestHarness(bus =>
        {
            consumers(bus);
            bus.AddEndpointPolicies();
        });
        services.Configure<TestHarnessOptions>(o => o.TestTimeout = TimeSpan.FromSeconds(20));
        return services.BuildServiceProvider(true);
    }

    private static async Task<ITestHarness> Start(ServiceProvider provider)
    {
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return harness;
    }

    public sealed record Poison(string Text);

    public sealed record Flaky(string Text);

    private sealed class AlwaysFailing : IConsumer<Poison>
    {
        private static int _attempts;

        public static int Attempts { get => Volatile.Read(ref _attempts); set => Volatile.Write(ref _attempts, value); }

        public Task Consume(ConsumeContext<Poison> context)
        {
            Interlocked.Increment(ref _attempts);
            throw new InvalidOperationException("this message cannot be handled");
        }
    }

    private sealed class RedisAwayAtFirst : IConsumer<Flaky>
    {
        private static int _attempts;

        public static int Attempts { get => Volatile.Read(ref _attempts); set => Volatile.Write(ref _attempts, value); }

        public Task Consume(ConsumeContext<Flaky> context) =>
            Interlocked.Increment(ref _attempts) <= 3
                ? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Redis is restarting")
                : Task.CompletedTask;
    }

    /// <summary>Listens to correlation.messages.faulted.</summary>
    private sealed class FaultedCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _totals = [];

        public FaultedCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == BusTelemetry.MeterName && instrument.Name == "correlation.messages.faulted")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "message_type")
                    {
                        lock (_totals)
                        {
                            _totals[(string)tag.Value!] = _totals.GetValueOrDefault((string)tag.Value!) + value;
                        }
                    }
                }
            });
            _listener.Start();
        }

        public long Total(string messageType)
        {
            lock (_totals)
            {
                return _totals.GetValueOrDefault(messageType);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
