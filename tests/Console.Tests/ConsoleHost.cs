using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Correlation.Contracts;
using Correlation.Testing;
using MassTransit.Testing;

namespace Correlation.Console.Tests;

/// <summary>
/// The console alone on MassTransit's in-memory harness and the real Redis (keys of its own), with three tokens:
/// vera the viewer, olga the operator and ada the admin. Incident events are published on the harness, as the
/// correlator, triage and router would.
/// </summary>
internal sealed class ConsoleHost : IAsyncDisposable
{
    public const string ViewerToken = "viewer-token-1f3a";
    public const string OperatorToken = "operator-token-9b2c";
    public const string AdminToken = "admin-token-77d0";

    private readonly bool _tokens;

    private ConsoleHost(LocalWebHost web, RedisTestKeys redis, bool tokens)
    {
        Web = web;
        Redis = redis;
        _tokens = tokens;
    }

    public LocalWebHost Web { get; }

    public RedisTestKeys Redis { get; }

    public ITestHarness Harness => Web.Harness();

    /// <param name="tokens">false: no tokens, so loopback callers are admins without one (the `make run` default).</param>
    public static async Task<ConsoleHost> StartAsync(string name, bool tokens = true, IReadOnlyDictionary<string, string>? settings = null)
    {
        var redis = await RedisTestKeys.CreateAsync(name);
        var all = new Dictionary<string, string>(redis.Settings);
        if (tokens)
        {
            var i = 0;
            foreach (var (who, role, token) in new[] { ("vera", "Viewer", ViewerToken), ("olga", "Operator", OperatorToken), ("ada", "Admin", AdminToken) })
            {
                all[$"Access:Tokens:{i}:Name"] = who;
                all[$"Access:Tokens:{i}:Role"] = role;
                all[$"Access:Tokens:{i}:Sha256"] = Sha256(token);
                i++;
            }
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        try
        {
            var web = await HarnessHost.StartAsync(b => b.AddConsole(), app => app.MapConsole(), all);
            return new ConsoleHost(web, redis, tokens);
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    public static string Sha256(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A client of the console that presents <paramref name="token"/> (none when null).</summary>
    public HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = Web.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public Task PublishAsync<T>(T message) where T : class => Harness.Bus.Publish(message);

    /// <summary>Publishes the event and waits until the console serves the incident with <paramref name="done"/> true.</summary>
    public async Task<JsonElement> PublishAndWaitAsync<T>(T message, Guid incident, Func<JsonElement, bool> done, string what) where T : class
    {
        await PublishAsync(message);
        return await WaitForAsync(incident, done, what);
    }

    public async Task<JsonElement> WaitForAsync(Guid incident, Func<JsonElement, bool> done, string what)
    {
        using var client = Client(_tokens ? AdminToken : null);
        return await Eventually.ReturnsAsync(async () =>
            {
                using var response = await client.GetAsync($"/api/v1/incidents/{incident}");
                return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
            },
            d => d.ValueKind == JsonValueKind.Object && done(d), TimeSpan.FromSeconds(15), what);
    }

    /// <summary>Opens an incident with <paramref name="members"/> firing conditions (sw1..swN at the site) and waits for it.</summary>
    public async Task<Guid> OpenAsync(string site = "leeds", int members = 1, Guid? id = null)
    {
        var incident = id ?? Guid.NewGuid();
        await PublishAsync(new IncidentOpened(Events.Snapshot(incident, 1, site), Events.Alarm(site, "sw1")));
        for (var i = 2; i <= members; i++)
        {
            await PublishAsync(new IncidentUpdated(Events.Snapshot(incident, i, site, alarms: i), Events.Alarm(site, "sw" + i)));
        }

        await WaitForAsync(incident, d => d.GetProperty("alarms").GetArrayLength() == members, $"incident {incident} with {members} member(s)");
        return incident;
    }

    public async ValueTask DisposeAsync()
    {
        await Web.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
