using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Correlation.Console.Tests.Api;

/// <summary>Token access: who may read, act and administer, and what callers without a good token get.</summary>
public class AccessTests
{
    private ConsoleHost _host = null!;

    [OneTimeSetUp]
    public async Task SetUpAsync() => _host = await ConsoleHost.StartAsync("console-access");

    [OneTimeTearDown]
    public async Task TearDownAsync() => await _host.DisposeAsync();

    private async Task<HttpStatusCode> StatusAsync(string? token, HttpMethod method, string path, object? body = null)
    {
        using var client = _host.Client(token);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Test]
    public async Task Without_a_token_or_with_an_unknown_one_every_console_call_is_unauthorized_with_problem_details()
    {
        using var anonymous = _host.Client(null);
        var response = await anonymous.GetAsync("/api/v1/incidents");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "tokens are configured, so loopback is not enough");
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(await StatusAsync("not-a-token", HttpMethod.Get, "/api/v1/incidents"), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await StatusAsync(ConsoleHost.ViewerToken + "x", HttpMethod.Get, "/api/v1/incidents"), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await StatusAsync(null, HttpMethod.Get, "/api/v1/incidents/stream"), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await StatusAsync(null, HttpMethod.Post, $"/api/v1/incidents/{Guid.NewGuid()}/acknowledge", new { }), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await StatusAsync(null, HttpMethod.Get, "/api/v1/me"), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_viewer_reads_but_may_not_act_or_administer()
    {
        Assert.That(await StatusAsync(ConsoleHost.ViewerToken, HttpMethod.Get, "/api/v1/incidents"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusAsync(ConsoleHost.ViewerToken, HttpMethod.Get, "/api/v1/reports/patterns"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusAsync(ConsoleHost.ViewerToken, HttpMethod.Get, "/api/v1/maintenance"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusAsync(ConsoleHost.ViewerToken, HttpMethod.Post, $"/api/v1/incidents/{Guid.NewGuid()}/acknowledge", new { }),
            Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await StatusAsync(ConsoleHost.ViewerToken, HttpMethod.Post, $"/api/v1/incidents/{Guid.NewGuid()}/merge", new { sources = new[] { Guid.NewGuid() } }),
            Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await StatusAsync(ConsoleHost.ViewerToken, HttpMethod.Get, "/api/v1/audit"), Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task An_operator_acts_but_may_not_administer_and_an_admin_may_do_everything()
    {
        Assert.That(await StatusAsync(ConsoleHost.OperatorToken, HttpMethod.Post, $"/api/v1/incidents/{Guid.NewGuid()}/acknowledge", new { }),
            Is.EqualTo(HttpStatusCode.NotFound), "allowed through to the (missing) incident");
        Assert.That(await StatusAsync(ConsoleHost.OperatorToken, HttpMethod.Get, "/api/v1/audit"), Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await StatusAsync(ConsoleHost.OperatorToken, HttpMethod.Delete, "/api/v1/maintenance/leeds"), Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await StatusAsync(ConsoleHost.AdminToken, HttpMethod.Get, "/api/v1/audit"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusAsync(ConsoleHost.AdminToken, HttpMethod.Post, $"/api/v1/incidents/{Guid.NewGuid()}/acknowledge", new { }),
            Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_forbidden_answer_names_the_role_and_me_says_who_the_token_is()
    {
        using var vera = _host.Client(ConsoleHost.ViewerToken);
        var forbidden = await vera.GetAsync("/api/v1/audit");
        var me = await vera.GetFromJsonAsync<JsonElement>("/api/v1/me");

        Assert.That(forbidden.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((await forbidden.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), Does.Contain("Viewer"));
        Assert.That(me.GetProperty("name").GetString(), Is.EqualTo("vera"));
        Assert.That(me.GetProperty("role").GetString(), Is.EqualTo("Viewer"));
        Assert.That(me.GetProperty("anonymous").GetBoolean(), Is.False);
    }

    [Test]
    public async Task The_page_and_the_api_description_need_no_token()
    {
        Assert.That(await StatusAsync(null, HttpMethod.Get, "/"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusAsync(null, HttpMethod.Get, "/console/app.js"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusAsync(null, HttpMethod.Get, "/openapi/v1.json"), Is.EqualTo(HttpStatusCode.OK));
    }
}

/// <summary>The `make run` default: no tokens configured, so callers on loopback are admins; and the switches that change it.</summary>
public class LoopbackAccessTests
{
    [Test]
    public async Task With_no_tokens_a_loopback_caller_is_the_anonymous_admin()
    {
        await using var host = await ConsoleHost.StartAsync("console-loopback", tokens: false);
        using var client = host.Client(null);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");

        Assert.That(me.GetProperty("name").GetString(), Is.EqualTo("loopback"));
        Assert.That(me.GetProperty("role").GetString(), Is.EqualTo("Admin"));
        Assert.That(me.GetProperty("anonymous").GetBoolean(), Is.True);
        Assert.That((await client.GetAsync("/api/v1/audit")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Anonymous_loopback_access_can_be_turned_off_or_limited_to_a_role()
    {
        await using var closed = await ConsoleHost.StartAsync("console-closed", tokens: false,
            settings: new Dictionary<string, string> { ["Access:DisableAnonymousLoopback"] = "true" });
        await using var viewer = await ConsoleHost.StartAsync("console-loopback-viewer",
            settings: new Dictionary<string, string> { ["Access:AnonymousLoopbackRole"] = "Viewer" });
        using var closedClient = closed.Client(null);
        using var viewerClient = viewer.Client(null);

        Assert.That((await closedClient.GetAsync("/api/v1/incidents")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await viewerClient.GetAsync("/api/v1/incidents")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await viewerClient.PostAsJsonAsync($"/api/v1/incidents/{Guid.NewGuid()}/acknowledge", new { })).StatusCode,
            Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public void A_token_configured_in_clear_instead_of_its_hash_stops_the_host_at_start()
    {
        var failure = Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () =>
            await ConsoleHost.StartAsync("console-bad-token", tokens: false, settings: new Dictionary<string, string>
            {
                ["Access:Tokens:0:Name"] = "eve",
                ["Access:Tokens:0:Role"] = "Admin",
                ["Access:Tokens:0:Sha256"] = "my-secret-token",
            }));

        Assert.That(failure!.Message, Does.Contain("Access:Tokens:0").And.Contain("Sha256"));
        Assert.That(failure.Message, Does.Not.Contain("my-secret-token"), "the configured value is not echoed");
    }
}
