using System.Buffers;
using Correlation.Ingest.Generic;
using Microsoft.AspNetCore.Http.Features;
using Correlation.Ingest.Feeds.Publishing;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Feeds.Generic;

/// <summary>POST /api/v1/alarms (one alarm) and POST /api/v1/alarms/batch (an array).</summary>
public static class GenericAlarmEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/alarms", async (HttpContext http, GenericAlarmParser parser, AlarmPublisher publisher,
                IngestTelemetry telemetry, IOptions<IngestFeedsOptions> options) =>
            await AcceptAsync(http, options.Value.MaxAlarmBytes, body => parser.ParseOne(body), publisher, telemetry))
            .WithName("PostAlarm");

        endpoints.MapPost("/api/v1/alarms/batch", async (HttpContext http, GenericAlarmParser parser, AlarmPublisher publisher,
                IngestTelemetry telemetry, IOptions<IngestFeedsOptions> options) =>
            await AcceptAsync(http, options.Value.MaxBatchBytes, body => parser.ParseBatch(body, options.Value.MaxBatchAlarms), publisher, telemetry))
            .WithName("PostAlarmBatch");
    }

    private static async Task<IResult> AcceptAsync(HttpContext http, int maxBytes, Func<ReadOnlySpan<byte>, ParseResult> parse,
        AlarmPublisher publisher, IngestTelemetry telemetry)
    {
        const string source = GenericAlarmParser.SourceName;
        var body = await RequestBody.ReadAsync(http.Request, maxBytes, http.RequestAborted);
        if (body is null)
        {
            telemetry.Rejected(source, "too_large");
            return IngestErrors.TooLarge(maxBytes);
        }

        ParseResult result;
        try
        {
            result = parse(body.WrittenSpan);
        }
        finally
        {
            body.Dispose();
        }

        if (!result.IsValid)
        {
            telemetry.Rejected(source, "invalid");
            return IngestErrors.Invalid(result.Errors);
        }

        telemetry.Received(source, result.Alarms.Count);
        if (!await publisher.PublishAsync(result.Alarms, source, http.RequestAborted))
        {
            return IngestErrors.BrokerUnavailable();
        }

        return Results.Json(
            new AcceptedAlarms(result.Alarms.Count, [.. result.Alarms.Select(a => new AcceptedAlarm(a.Id, a.IdempotencyKey, a.Fingerprint))]),
            statusCode: StatusCodes.Status202Accepted);
    }

    public sealed record AcceptedAlarms(int Accepted, IReadOnlyList<AcceptedAlarm> Alarms);

    public sealed record AcceptedAlarm(Guid Id, string IdempotencyKey, string Fingerprint);
}

/// <summary>The JSON error bodies every ingest endpoint answers with.</summary>
public static class IngestErrors
{
    public static IResult Invalid(IReadOnlyList<FieldError> errors) =>
        Results.Json(new ErrorBody("invalid_alarm", $"The alarm was not accepted: {errors[0].Field} {errors[0].Message}", errors),
            statusCode: StatusCodes.Status400BadRequest);

    public static IResult TooLarge(int maxBytes) =>
        Results.Json(new ErrorBody("too_large", $"The request body is larger than the {maxBytes} bytes accepted here.", []),
            statusCode: StatusCodes.Status413PayloadTooLarge);

    public static IResult BrokerUnavailable() =>
        Results.Json(new ErrorBody("broker_unavailable", "The message broker did not confirm the alarm; nothing was accepted. Retry later.", []),
            statusCode: StatusCodes.Status503ServiceUnavailable);

    public sealed record ErrorBody(string Error, string Message, IReadOnlyList<FieldError> Errors);
}

/// <summary>Reads a request body up to a limit, without trusting Content-Length.</summary>
public static class RequestBody
{
    /// <returns>The body, or null when it is larger than <paramref name="maxBytes"/>.</returns>
    public static async Task<PooledBuffer?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        // The limit is enforced here, with a JSON answer, rather than by the server's own default.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = null;
        }

        var buffer = new PooledBuffer((int)Math.Min(request.ContentLength ?? 4096, maxBytes) + 1);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return buffer;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                buffer.Dispose();
                return null;
            }
        }
    }
}

/// <summary>A growable byte buffer rented from the shared pool.</summary>
public sealed class PooledBuffer(int initialCapacity) : IDisposable
{
    private byte[] _array = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));

    public int WrittenCount { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, WrittenCount);

    public Memory<byte> GetMemory(int sizeHint)
    {
        if (_array.Length - WrittenCount < sizeHint)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, WrittenCount + sizeHint));
            _array.AsSpan(0, WrittenCount).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = bigger;
        }

        return _array.AsMemory(WrittenCount);
    }

    public void Advance(int count) => WrittenCount += count;

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_array);
        _array = [];
        WrittenCount = 0;
    }
}
