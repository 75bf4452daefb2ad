using System.Collections.Concurrent;
using System.Text.Json;
using Correlation.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Correlation.Faults.Tests;

/// <summary>
/// The people's end of the pipeline: an HTTP receiver on 127.0.0.1 that the router's generic webhook posts
/// every notification to. Each request is recorded with its Idempotency-Key header (the router's key for one
/// notification: incident, version, triage decision and channel) and the notice's kind, incident and version.
/// </summary>
internal sealed class WebhookSink : IAsyncDisposable
{
    private readonly LocalWebHost _host;

    private WebhookSink(LocalWebHost host, ConcurrentQueue<WebhookDelivery> deliveries)
    {
        _host = host;
        Deliveries = deliveries;
    }

    public ConcurrentQueue<WebhookDelivery> Deliveries { get; }

    public Uri Url => new(_host.BaseAddress, "/hook");

    public static async Task<WebhookSink> StartAsync()
    {
        var deliveries = new ConcurrentQueue<WebhookDelivery>();
        var builder = WebApplication.CreateSlimBuilder(["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        var app = builder.Build();
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var notice = await JsonDocument.ParseAsync(request.Body);
            var root = notice.RootElement;
            deliveries.Enqueue(new WebhookDelivery(
                request.Headers["Idempotency-Key"].ToString(),
                root.GetProperty("kind").ToString(),
                root.GetProperty("incidentId").GetGuid(),
                root.GetProperty("incidentVersion").GetInt64(),
                DateTimeOffset.UtcNow));
            return Results.Ok();
        });
        return new WebhookSink(await LocalWebHost.StartAsync(app), deliveries);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}

internal sealed record WebhookDelivery(string Key, string Kind, Guid IncidentId, long IncidentVersion, DateTimeOffset At);
