using System.Collections.Concurrent;
using Correlation.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Correlation.Router.Tests.Delivery;

/// <summary>A webhook receiver on 127.0.0.1 (a free port) that answers 500 to its first <paramref name="failures"/> calls, then 200.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly LocalWebHost _web;
    private int _calls;

    private WebhookReceiver(LocalWebHost web) => _web = web;

    public int Failures { get; private init; }

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The calls answered 200: Idempotency-Key header and body.</summary>
    public ConcurrentQueue<(string Key, string Body)> Accepted { get; } = new();

    public Uri Url => new(_web.BaseAddress, "/hook");

    public static async Task<WebhookReceiver> StartAsync(int failures)
    {
        var builder = WebApplication.CreateSlimBuilder(LocalWebHost.LoopbackArgs(new Dictionary<string, string>()));
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            if (Interlocked.Increment(ref receiver!._calls) <= receiver.Failures)
            {
                return Results.StatusCode(500);
            }

            receiver.Accepted.Enqueue((request.Headers["Idempotency-Key"].ToString(), body));
            return Results.Ok();
        });
        receiver = new WebhookReceiver(await LocalWebHost.StartAsync(app)) { Failures = failures };
        return receiver;
    }

    public ValueTask DisposeAsync() => _web.DisposeAsync();
}
