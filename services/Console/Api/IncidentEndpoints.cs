using System.Text;
using Correlation.Console.Projection;
using Correlation.Contracts;
using Microsoft.Extensions.Options;

namespace Correlation.Console.Api;

/// <summary>The incident API: list, one incident, and the live event stream.</summary>
public static class IncidentEndpoints
{
    private const int MaxListLimit = 1000;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/incidents");
        group.MapGet("/", ListAsync).WithName("ListIncidents");
        group.MapGet("/stream", StreamAsync).WithName("StreamIncidentEvents");
        group.MapGet("/{id:guid}", async (Guid id, IncidentViewStore store) =>
            await store.GetAsync(id) is { } detail
                ? Results.Ok(detail)
                : Results.NotFound(new ApiError("not_found", $"No incident {id}.")))
            .WithName("GetIncident");
    }

    private static async Task<IResult> ListAsync(IncidentViewStore store, string? state, string? site, string? priority, int? limit)
    {
        IncidentState? stateFilter = null;
        if (state is not null)
        {
            if (!Enum.TryParse<IncidentState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Results.BadRequest(new ApiError("invalid_query", $"state '{state}' is not one of open, resolved."));
            }

            stateFilter = parsed;
        }

        IncidentPriority? priorityFilter = null;
        if (priority is not null)
        {
            if (!Enum.TryParse<IncidentPriority>(priority, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Results.BadRequest(new ApiError("invalid_query", $"priority '{priority}' is not one of P1, P2, P3, P4."));
            }

            priorityFilter = parsed;
        }

        if (limit is < 1 or > MaxListLimit)
        {
            return Results.BadRequest(new ApiError("invalid_query", $"limit must be between 1 and {MaxListLimit}."));
        }

        return Results.Ok(await store.ListAsync(stateFilter, site, priorityFilter, limit ?? 100));
    }

    /// <summary>
    /// Server-sent events of every incident change, with the Redis stream id as the event id. A client
    /// that reconnects with Last-Event-ID gets every event it missed that the stream still holds.
    /// </summary>
    private static async Task StreamAsync(HttpContext http, IncidentViewStore store, IncidentEventSignal signal,
        IOptions<ConsoleOptions> options, IHostApplicationLifetime lifetime, TimeProvider clock, string? lastEventId)
    {
        // Streams end when the client leaves or the host stops, so a shutdown does not wait on open consoles.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var cancel = linked.Token;
        var after = http.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? lastEventId;
        if (after is not null && ParseStreamId(after) is null)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsJsonAsync(new ApiError("invalid_query", $"Last-Event-ID '{after}' is not an event id from this stream."), cancel);
            return;
        }

        var resumed = after is not null;
        after ??= await store.LatestEventIdAsync();
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.WriteAsync("retry: 2000\n\n", cancel);
        var oldest = resumed ? await store.OldestEventIdAsync() : null;
        if (oldest is not null && ParseStreamId(oldest)!.Value.CompareTo(ParseStreamId(after)!.Value) > 0)
        {
            // The client's last event has been trimmed from the bounded stream: say so rather than
            // resume silently over a gap, so it reloads the incident list.
            await http.Response.WriteAsync(
                $"event: stream-reset\ndata: {{\"reason\":\"events after {after} are no longer kept; reload the incident list\",\"oldest\":\"{oldest}\"}}\n\n",
                cancel);
        }

        await http.Response.Body.FlushAsync(cancel);

        var keepAlive = options.Value.StreamKeepAlive;
        var quietSince = clock.GetUtcNow();
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                var entries = await store.ReadEventsAsync(after, 500);
                if (entries.Count == 0)
                {
                    if (clock.GetUtcNow() - quietSince >= keepAlive)
                    {
                        await http.Response.WriteAsync(": keep-alive\n\n", cancel);
                        await http.Response.Body.FlushAsync(cancel);
                        quietSince = clock.GetUtcNow();
                    }

                    await signal.WaitAsync(TimeSpan.FromSeconds(1), cancel);
                    continue;
                }

                var text = new StringBuilder();
                foreach (var entry in entries)
                {
                    text.Append("id: ").Append(entry.Id).Append('\n')
                        .Append("event: ").Append(entry.Type).Append('\n')
                        .Append("data: ").Append(entry.Data).Append("\n\n");
                    after = entry.Id;
                }

                await http.Response.WriteAsync(text.ToString(), cancel);
                await http.Response.Body.FlushAsync(cancel);
                quietSince = clock.GetUtcNow();
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The client went away; nothing to clean up.
        }
    }

    /// <summary>A Redis stream id as a comparable pair, or null when the text is not one.</summary>
    internal static (ulong Millis, ulong Sequence)? ParseStreamId(string id)
    {
        var parts = id.Split('-');
        return parts.Length == 2
            && ulong.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var millis)
            && ulong.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence)
            ? (millis, sequence)
            : null;
    }

    public sealed record ApiError(string Error, string Message);
}
