using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Correlation.ServiceDefaults;

/// <summary>One message a consumer gave up on: where, what, and the failure that moved it to the <c>_error</c> queue.</summary>
public sealed record DeadLetter(
    string Id,
    DateTimeOffset At,
    string Service,
    string Queue,
    string Consumer,
    string MessageType,
    long Count,
    Guid? MessageId,
    string ErrorType,
    string Error);

/// <summary>The dead letters recorded so far, newest first, with how many the ledger holds in all.</summary>
public sealed record DeadLetterPage(long Total, IReadOnlyList<DeadLetter> Items);

/// <summary>
/// A short shared record of poison messages, so that the console shows them whichever service they hit: every
/// service appends to one capped Redis stream when a message faults once its retries are spent (the same moment
/// <c>correlation.messages.faulted</c> counts it). The message itself stays in the endpoint's <c>_error</c> queue,
/// with the full exception in its headers; the ledger keeps what an operator needs to find it: the queue, the
/// message type and id, and the failure's type and first line. Messages dead-lettered by the broker (a consumer's
/// process died on them <c>RabbitMq:DeliveryLimit</c> times) never reach a consumer's fault path and are not here;
/// the broker's <c>x-death</c> header on the message in <c>_error</c> says why.
/// </summary>
public sealed partial class DeadLetterLedger(IServiceProvider services, IOptions<RedisOptions> options, TimeProvider clock,
    ILogger<DeadLetterLedger> logger)
{
    /// <summary>Dead letters kept, newest last; older ones are trimmed (approximately) as new ones arrive.</summary>
    public const int Capacity = 1000;

    /// <summary>Longest failure text kept; the rest is in the message's headers in the <c>_error</c> queue.</summary>
    public const int MaxErrorLength = 300;

    private readonly RedisKey _key = options.Value.KeyPrefix + "bus:dead-letters";
    private readonly string _service = ServiceName();

    /// <summary>Records one fault. Never throws: a ledger that cannot be written must not change how the fault is handled.</summary>
    public async Task RecordAsync(string queue, string consumer, string messageType, long count, Guid? messageId, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (services.GetService<IConnectionMultiplexer>() is not { } redis)
        {
            return;
        }

        var failure = exception is AggregateException { InnerExceptions.Count: 1 } single ? single.InnerExceptions[0] : exception;
        try
        {
            await redis.GetDatabase().StreamAddAsync(_key,
            [
                new NameValueEntry("at", clock.GetUtcNow().ToUnixTimeMilliseconds()),
                new NameValueEntry("service", _service),
                new NameValueEntry("queue", queue),
                new NameValueEntry("consumer", consumer),
                new NameValueEntry("type", messageType),
                new NameValueEntry("count", count),
                new NameValueEntry("id", messageId?.ToString("D") ?? ""),
                new NameValueEntry("error_type", failure.GetType().FullName ?? failure.GetType().Name),
                new NameValueEntry("error", FirstLine(failure.Message)),
            ], maxLength: Capacity, useApproximateMaxLength: true);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogNotRecorded(logger, messageType, queue, ex);
        }
    }

    /// <summary>The newest dead letters first; <paramref name="before"/> pages on from an entry's id.</summary>
    public async Task<DeadLetterPage> ListAsync(int limit, string? before = null)
    {
        var db = services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var total = await db.StreamLengthAsync(_key);
        // XREVRANGE's end is inclusive: ask for one more and drop the entry paged from.
        var entries = await db.StreamRangeAsync(_key, maxId: before ?? "+", minId: "-", count: before is null ? limit : limit + 1,
            messageOrder: Order.Descending);
        var items = entries.Where(e => e.Id != before).Take(limit).Select(Read).ToList();
        return new DeadLetterPage(total, items);
    }

    private static DeadLetter Read(StreamEntry entry)
    {
        string Field(string name) => entry[name].IsNull ? "" : entry[name].ToString();
        var at = long.TryParse(Field("at"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? ms : 0;
        return new DeadLetter(entry.Id.ToString(), DateTimeOffset.FromUnixTimeMilliseconds(at), Field("service"), Field("queue"),
            Field("consumer"), Field("type"), long.TryParse(Field("count"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 1,
            Guid.TryParse(Field("id"), out var id) ? id : null, Field("error_type"), Field("error"));
    }

    /// <summary>The first line of a failure, at most <see cref="MaxErrorLength"/> characters.</summary>
    public static string FirstLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = text.AsSpan();
        var end = line.IndexOfAny('\r', '\n');
        if (end >= 0)
        {
            line = line[..end];
        }

        return line.Length > MaxErrorLength ? string.Concat(line[..(MaxErrorLength - 1)], "…") : line.ToString();
    }

    private static string ServiceName() =>
        System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name ?? "unknown";

    [LoggerMessage(Level = LogLevel.Warning, Message = "A faulted {MessageType} on {Queue} could not be added to the dead-letter ledger")]
    private static partial void LogNotRecorded(ILogger logger, string messageType, string queue, Exception exception);
}
