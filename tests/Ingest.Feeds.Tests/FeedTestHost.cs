using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Correlation.Contracts;
using Correlation.Testing;

namespace Correlation.Ingest.Feeds.Tests;

/// <summary>Ingest.Feeds on MassTransit's in-memory harness: post a feed's request, see what was published.</summary>
internal sealed class FeedTestHost : IAsyncDisposable
{
    private readonly LocalWebHost _host;

    private FeedTestHost(LocalWebHost host) => _host = host;

    public static async Task<FeedTestHost> StartAsync(IReadOnlyDictionary<string, string>? settings = null) =>
        new(await HarnessHost.StartAsync(b => b.AddIngestFeeds(), app => app.MapIngestFeeds(), settings));

    public IServiceProvider Services => _host.Services;

    public async Task<HttpResponseMessage> PostAsync(string path, string body, string? contentType = "application/json", params (string Name, string Value)[] headers) =>
        await PostAsync(path, Encoding.UTF8.GetBytes(body), contentType, headers);

    public async Task<HttpResponseMessage> PostAsync(string path, byte[] body, string? contentType, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await SendAsync(request);
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _host.Client.SendAsync(request);

    /// <summary>Every alarm published so far, in order.</summary>
    public IReadOnlyList<Alarm> Published() =>
        [.. _host.Harness().Published.Select<AlarmsReceived>().SelectMany(p => p.Context.Message.Alarms)];

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>The field paths a problem-details answer names.</summary>
    public static async Task<IReadOnlyList<string>> ProblemFieldsAsync(HttpResponseMessage response)
    {
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var body = await JsonAsync(response);
        return [.. body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()!)];
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
