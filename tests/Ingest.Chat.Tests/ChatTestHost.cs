using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Correlation.Contracts;
using Correlation.Testing;

namespace Correlation.Ingest.Chat.Tests;

/// <summary>
/// Ingest.Chat on MassTransit's in-memory harness with every platform configured and the sample CMDB: post a
/// platform's request, see what was published. Requests are signed as the platforms sign them (<see cref="Signers"/>).
/// </summary>
internal sealed class ChatTestHost : IAsyncDisposable
{
    public const string SlackSecret = "slack-signing-secret-0123456789abcdef";
    public const string MattermostToken = "mattermost-token-0123456789ab";
    public const string ReportChannel = "CREPORTS01";
    public static readonly string TeamsSecret = Convert.ToBase64String(Encoding.UTF8.GetBytes("teams-security-token-0123456789ab"));
    public static readonly string OtherTeamsSecret = Convert.ToBase64String(Encoding.UTF8.GetBytes("another-teams-webhook-token-9876"));

    private readonly LocalWebHost _host;

    private ChatTestHost(LocalWebHost host) => _host = host;

    public static Dictionary<string, string> Settings() => new()
    {
        ["Topology:CmdbPath"] = Path.Combine(TestServers.RepositoryRoot(), "deploy", "config", "cmdb.yaml"),
        ["Topology:WatchForChanges"] = "false",
        ["Chat:Slack:SigningSecret"] = SlackSecret,
        ["Chat:Slack:MessageChannels:0"] = ReportChannel,
        ["Chat:Teams:Secrets:0"] = OtherTeamsSecret,
        ["Chat:Teams:Secrets:1"] = TeamsSecret,
        ["Chat:Mattermost:Tokens:0"] = MattermostToken,
        ["Chat:ConsoleUrl"] = "https://noc.example/console/",
    };

    public static async Task<ChatTestHost> StartAsync(IReadOnlyDictionary<string, string>? settings = null) =>
        new(await HarnessHost.StartAsync(b => b.AddIngestChat(), app => app.MapIngestChat(), settings ?? Settings()));

    public IServiceProvider Services => _host.Services;

    public async Task<HttpResponseMessage> PostAsync(string path, byte[] body, string? contentType, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await _host.Client.SendAsync(request);
    }

    /// <summary>A Slack request signed with <paramref name="secret"/> at <paramref name="timestamp"/> (default: now).</summary>
    public Task<HttpResponseMessage> PostSlackAsync(string path, string body, string contentType, long? timestamp = null, string secret = SlackSecret,
        params (string Name, string Value)[] headers)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var at = timestamp ?? Signers.Now();
        return PostAsync(path, bytes, contentType,
            [("X-Slack-Request-Timestamp", at.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("X-Slack-Signature", Signers.Slack(secret, at, bytes)), .. headers]);
    }

    public Task<HttpResponseMessage> PostSlackEventAsync(string json, long? timestamp = null, string secret = SlackSecret, params (string Name, string Value)[] headers) =>
        PostSlackAsync("/api/v1/chat/slack/events", json, "application/json", timestamp, secret, headers);

    public Task<HttpResponseMessage> PostSlackCommandAsync(string form, long? timestamp = null, string secret = SlackSecret) =>
        PostSlackAsync("/api/v1/chat/slack/commands", form, "application/x-www-form-urlencoded", timestamp, secret);

    public Task<HttpResponseMessage> PostTeamsAsync(string json, string? secret = null)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        return PostAsync("/api/v1/chat/teams", bytes, "application/json", ("Authorization", Signers.Teams(secret ?? TeamsSecret, bytes)));
    }

    public Task<HttpResponseMessage> PostMattermostAsync(string body, string contentType = "application/x-www-form-urlencoded") =>
        PostAsync("/api/v1/chat/mattermost", Encoding.UTF8.GetBytes(body), contentType);

    /// <summary>Every alarm published so far, in order.</summary>
    public IReadOnlyList<Alarm> Published() =>
        [.. _host.Harness().Published.Select<AlarmsReceived>().SelectMany(p => p.Context.Message.Alarms)];

    /// <summary>The alarms published from one channel: each test reports from channels of its own.</summary>
    public IReadOnlyList<Alarm> PublishedFrom(string channelId) =>
        [.. Published().Where(a => a.Details.GetValueOrDefault("channel_id") == channelId)];

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>The error code and the fields a problem-details answer names.</summary>
    public static async Task<(string Error, IReadOnlyList<string> Fields)> ProblemAsync(HttpResponseMessage response)
    {
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var body = await JsonAsync(response);
        return (body.GetProperty("error").GetString()!, [.. body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()!)]);
    }

    public static string UniqueChannel(string prefix = "C") => prefix + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
