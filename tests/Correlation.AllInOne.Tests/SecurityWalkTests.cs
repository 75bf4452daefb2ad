using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Correlation.Ingest.Mail.Smtp;
using Correlation.Ingest.Nms;
using Correlation.Ingest.Nms.Listening;
using Correlation.Ingest.Nms.Snmp;
using Correlation.ServiceDefaults.Access;
using Correlation.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Correlation.Ingest.Nms.Snmp.BerEncoder;

namespace Correlation.AllInOne.Tests;

/// <summary>
/// Walks every entry point of the all-in-one host in a production-like configuration (API tokens, a key for every
/// feed, Grafana's HMAC, every chat platform's secret, SNMP communities per sender network, syslog and SMTP client
/// networks, allowed mail domains), from this machine, and shows that nothing gets in without valid credentials:
/// every HTTP endpoint the host maps (read from its EndpointDataSource, so a new endpoint is walked without being
/// added here) refuses a request with no or wrong credentials, unless it is on <see cref="Public"/> with the reason;
/// a viewer's token is refused wherever an operator or admin is required; a trap with a community not allowed for
/// its sender is dropped and counted; syslog from a network not allowed is dropped and counted; SMTP refuses a
/// recipient domain not allowed. No secret configured or presented shows in any log line written meanwhile.
/// </summary>
[NonParallelizable]
public partial class SecurityWalkTests
{
    /// <summary>The endpoints anyone may call, each with why. Nothing else is open.</summary>
    private static readonly Dictionary<string, string> Public = new(StringComparer.Ordinal)
    {
        ["GET /health/live"] = "liveness probe: says only that the process runs; probes carry no token",
        ["GET /health/ready"] = "readiness probe: says only whether Redis and the bus answer",
        ["GET /metrics"] = "Prometheus scrape: counters and timings, no incident or alarm content; restrict it at the network",
        ["GET /"] = "the console's page: static HTML, no data; every call it makes needs a token",
        ["GET /console/{*file}"] = "the console's script, style and images: static, no data",
        ["GET /openapi/{documentName}.json"] = "the API's description: public by design, describes calls, holds no data",
    };

    /// <summary>Endpoints that refuse in a shape of their own, with the status they answer instead of 401.</summary>
    private static readonly Dictionary<string, (HttpStatusCode Status, string Why)> OwnShape = new(StringComparer.Ordinal)
    {
        ["POST /v2/enqueue"] = (HttpStatusCode.BadRequest, "PagerDuty's Events API v2 has no 401: an unknown routing key is 400 \"Invalid routing key\", as PagerDuty answers"),
    };

    private const string ViewerToken = "walk-viewer-token-5b0c1e7f9a2d4c68";
    private const string AdminToken = "walk-admin-token-8e3f7a1b6c9d0e24";
    private const string FeedKey = "walk-feed-key-0f1e2d3c4b5a6978";
    private const string GrafanaSecret = "walk-grafana-hmac-7c6b5a4f3e2d1c0b";
    private const string SlackSecret = "walk-slack-signing-secret-1a2b3c4d5e";
    private const string MattermostToken = "walk-mattermost-token-99aa88bb";
    private const string Community = "walk-community-42";
    private static readonly string TeamsSecret = Convert.ToBase64String(Encoding.UTF8.GetBytes("walk-teams-security-token-0123"));

    /// <summary>Wrong credentials the walk presents: they must not show in the logs either.</summary>
    private const string WrongToken = "walk-wrong-token-d41d8cd98f00b204";

    private static readonly string[] Secrets =
        [ViewerToken, AdminToken, FeedKey, GrafanaSecret, SlackSecret, MattermostToken, TeamsSecret, Community, WrongToken];

    private LocalWebHost _host = null!;
    private RedisTestKeys _redis = null!;
    private readonly LogCapture _logs = new();
    private NmsCounterReader _nms = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        TestServers.RequireRunning();
        _redis = await RedisTestKeys.CreateAsync("walk");
        var settings = new Dictionary<string, string>
        {
            ["RabbitMq:Url"] = TestServers.RabbitMqUrl.ToString(),
            ["RabbitMq:EntityPrefix"] = _redis.Prefix.TrimEnd(':'),
            ["RabbitMq:TemporaryQueues"] = "true",
            ["Redis:Configuration"] = TestServers.RedisConfiguration,
            ["Redis:KeyPrefix"] = _redis.Prefix,
            ["Topology:CmdbPath"] = Path.Combine(TestServers.RepositoryRoot(), "deploy", "config", "cmdb.yaml"),
            // Everything our code logs, down to debug, is captured and searched for secrets.
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:LogLevel:MassTransit"] = "Information",
            ["Logging:LogLevel:Microsoft.Extensions.Diagnostics"] = "Information",
            ["Access:Tokens:0:Name"] = "walk-viewer",
            ["Access:Tokens:0:Role"] = "Viewer",
            ["Access:Tokens:0:Sha256"] = Sha256(ViewerToken),
            ["Access:Tokens:1:Name"] = "walk-admin",
            ["Access:Tokens:1:Role"] = "Admin",
            ["Access:Tokens:1:Sha256"] = Sha256(AdminToken),
            ["Ingest:Grafana:HmacSecret"] = GrafanaSecret,
            ["Chat:Slack:SigningSecret"] = SlackSecret,
            ["Chat:Teams:Secrets:0"] = TeamsSecret,
            ["Chat:Mattermost:Tokens:0"] = MattermostToken,
            ["Nms:Snmp:Port"] = "0",
            ["Nms:Syslog:UdpPort"] = "0",
            ["Nms:Syslog:TcpPort"] = "0",
            ["Nms:Snmp:Sources:0:Network"] = "127.0.0.1",
            ["Nms:Snmp:Sources:0:Communities:0"] = Community,
            ["Nms:Snmp:Sources:1:Network"] = "192.0.2.0/24",
            ["Nms:Snmp:Sources:1:Communities:0"] = "netops-" + Community,
            // This machine is not among syslog's senders, so the walk's line must be refused.
            ["Nms:Syslog:AllowedNetworks:0"] = "192.0.2.0/24",
            ["Mail:Smtp:Port"] = "0",
            ["Mail:Smtp:AllowedClientNetworks:0"] = "127.0.0.1",
            ["Mail:Smtp:AllowedRecipientDomains:0"] = "noc.example",
        };
        foreach (var feed in new[] { "Generic", "Alertmanager", "Prometheus", "PagerDuty", "Grafana", "CloudEvents" })
        {
            settings[$"Ingest:{feed}:ApiKeys:0"] = FeedKey;
        }

        _host = await LocalWebHost.StartAsync(AllInOneApp.Create(LocalWebHost.LoopbackArgs(settings), b => b.Logging.AddProvider(_logs)));
        _nms = new NmsCounterReader(_host.Services.GetRequiredService<IMeterFactory>());
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _nms.Dispose();
        await _host.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Test]
    public async Task Every_HTTP_endpoint_refuses_requests_without_valid_credentials_unless_it_is_public_by_design()
    {
        var endpoints = Endpoints();
        var refusals = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var expected = OwnShape.TryGetValue(endpoint.Name, out var own) ? own.Status : HttpStatusCode.Unauthorized;
            foreach (var (credential, headers) in Attempts())
            {
                using var response = await SendAsync(endpoint, headers);
                var status = response.StatusCode;
                if (Public.ContainsKey(endpoint.Name))
                {
                    Assert.That((int)status, Is.LessThan(400), $"{endpoint.Name} is public by design and should answer ({credential})");
                    continue;
                }

                refusals.Add($"{endpoint.Name} {credential}: {(int)status}");
                Assert.That(status, Is.EqualTo(expected).Or.EqualTo(HttpStatusCode.Forbidden),
                    $"{endpoint.Name} with {credential}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        await TestContext.Out.WriteLineAsync(string.Join('\n', refusals));
        Assert.That(endpoints.Select(e => e.Name), Is.SupersetOf(Public.Keys.Concat(OwnShape.Keys)), "the allow-list names only endpoints that exist");
        // The walk reached every kind of entry point: ingest feeds, chat, the console, the correlator's API.
        Assert.That(endpoints.Select(e => e.Name), Has.Some.StartsWith("POST /api/v1/alarms")
            .And.Some.StartsWith("POST /api/v1/chat/")
            .And.Some.StartsWith("POST /api/v1/incidents/")
            .And.Some.StartsWith("GET /api/v1/rules"));
    }

    [Test]
    public async Task A_viewer_token_is_refused_wherever_an_operator_or_an_admin_is_required()
    {
        var guarded = Endpoints().Where(e => e.Policies.Overlaps([AccessExtensions.OperatorPolicy, AccessExtensions.AdminPolicy])).ToList();

        Assert.That(guarded, Is.Not.Empty);
        foreach (var endpoint in guarded)
        {
            using var response = await SendAsync(endpoint, [("Authorization", "Bearer " + ViewerToken)]);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), endpoint.Name);
        }

        // And the same token is good where a viewer may read.
        using var list = await SendAsync(new WalkedEndpoint("GET /api/v1/incidents/", "GET", "/api/v1/incidents", []), [("Authorization", "Bearer " + ViewerToken)]);
        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void Every_console_and_correlator_API_call_names_a_role()
    {
        var unguarded = Endpoints()
            .Where(e => e.Path.StartsWith("/api/", StringComparison.Ordinal) && e.Policies.Count == 0)
            .Select(e => e.Name)
            .Where(n => !n.Contains(" /api/v1/alarms", StringComparison.Ordinal) && !n.Contains(" /api/v1/feeds/", StringComparison.Ordinal)
                && !n.Contains(" /api/v2/alerts", StringComparison.Ordinal) && !n.Contains(" /api/v1/chat/", StringComparison.Ordinal));

        // Ingest endpoints check their own keys and signatures (walked above); "who am I" authenticates by itself.
        Assert.That(unguarded, Is.EquivalentTo(new[] { "GET /api/v1/me" }));
    }

    [Test]
    public async Task A_trap_with_a_community_not_allowed_for_its_sender_is_dropped_and_counted()
    {
        var snmp = _host.Services.GetRequiredService<NmsListeners>().EndpointOf(NmsListeners.SnmpUdp);
        var before = _nms.Get("rejected", NmsListeners.SnmpUdp, "community_not_allowed");
        var decodedBefore = _nms.Get("decoded", NmsListeners.SnmpUdp);
        using var udp = new UdpClient();

        // "public" (net-snmp's default) and the community of another network are both wrong for 127.0.0.1.
        await udp.SendAsync(Trap("public"), snmp);
        await udp.SendAsync(Trap("netops-" + Community), snmp);
        await Eventually.ReturnsAsync(() => Task.FromResult(_nms.Get("rejected", NmsListeners.SnmpUdp, "community_not_allowed")),
            n => n >= before + 2, TimeSpan.FromSeconds(15), "two traps refused for their community");

        // The right one for this sender is taken.
        await udp.SendAsync(Trap(Community), snmp);
        await Eventually.ReturnsAsync(() => Task.FromResult(_nms.Get("decoded", NmsListeners.SnmpUdp)), n => n >= decodedBefore + 1,
            TimeSpan.FromSeconds(15), "the trap with the right community decoded");
        Assert.That(_nms.Get("decoded", NmsListeners.SnmpUdp), Is.EqualTo(decodedBefore + 1));
    }

    [Test]
    public async Task Syslog_carries_no_credential_so_a_sender_outside_the_allowed_networks_is_dropped_and_counted()
    {
        var listeners = _host.Services.GetRequiredService<NmsListeners>();
        var line = "<187>1 2026-11-23T10:14:03Z leeds-sw-1 cisco - - - %LINK-3-UPDOWN: Interface Gi0/1, changed state to down"u8.ToArray();
        using var udp = new UdpClient();

        await udp.SendAsync(line, listeners.EndpointOf(NmsListeners.SyslogUdp));
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(listeners.EndpointOf(NmsListeners.SyslogTcp));
        }

        await Eventually.ReturnsAsync(() => Task.FromResult(_nms.Get("rejected", NmsListeners.SyslogUdp, "source_not_allowed")),
            n => n >= 1, TimeSpan.FromSeconds(15), "the UDP line refused");
        await Eventually.ReturnsAsync(() => Task.FromResult(_nms.Get("rejected", NmsListeners.SyslogTcp, "source_not_allowed")),
            n => n >= 1, TimeSpan.FromSeconds(15), "the TCP connection refused");
        Assert.That(_nms.Get("decoded", NmsListeners.SyslogUdp), Is.Zero);
    }

    [Test]
    public async Task SMTP_refuses_mail_for_a_domain_not_allowed()
    {
        var smtp = _host.Services.GetRequiredService<SmtpEndpoint>().Bound;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(smtp);
        using var stream = tcp.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };

        Assert.That(await reader.ReadLineAsync(), Does.StartWith("220 "));
        await writer.WriteLineAsync("HELO walk.example");
        Assert.That(await reader.ReadLineAsync(), Does.StartWith("250"));
        await writer.WriteLineAsync("MAIL FROM:<walker@walk.example>");
        Assert.That(await reader.ReadLineAsync(), Does.StartWith("250"));
        await writer.WriteLineAsync("RCPT TO:<ops@elsewhere.example>");
        Assert.That(await reader.ReadLineAsync(), Does.StartWith("550 5.7.1"));
        await writer.WriteLineAsync("RCPT TO:<alerts@noc.example>");
        Assert.That(await reader.ReadLineAsync(), Does.StartWith("250"), "an allowed domain is taken");
        await writer.WriteLineAsync("QUIT");
    }

    [Test]
    public async Task No_secret_configured_or_presented_shows_in_the_logs()
    {
        // Present every wrong credential once more, so that the check does not depend on the order tests ran in.
        foreach (var endpoint in Endpoints().Where(e => !Public.ContainsKey(e.Name)))
        {
            foreach (var (_, headers) in Attempts())
            {
                using var response = await SendAsync(endpoint, headers);
            }
        }

        var lines = _logs.Lines();
        Assert.That(lines, Is.Not.Empty, "the capture works");
        foreach (var secret in Secrets)
        {
            Assert.That(lines.Where(l => l.Contains(secret, StringComparison.Ordinal)), Is.Empty, $"a log line holds a secret ({secret[..8]}…)");
        }
    }

    /// <summary>No credential; wrong ones in every place a credential goes.</summary>
    private static IEnumerable<(string Name, (string, string)[] Headers)> Attempts()
    {
        yield return ("no credentials", []);
        yield return ("wrong credentials",
        [
            ("Authorization", "Bearer " + WrongToken),
            ("X-Api-Key", WrongToken),
            ("X-Grafana-Alerting-Signature", "00"),
            ("X-Slack-Request-Timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("X-Slack-Signature", "v0=" + new string('0', 64)),
        ]);
        yield return ("wrong basic auth", [("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alertmanager:" + WrongToken)))]);
        yield return ("a Teams HMAC that is wrong", [("Authorization", "HMAC " + Convert.ToBase64String(new byte[32]))]);
    }

    private async Task<HttpResponseMessage> SendAsync(WalkedEndpoint endpoint, (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path);
        if (endpoint.Method is "POST" or "PUT" or "PATCH")
        {
            // The body each endpoint naturally takes, so that it is refused for its credentials, not its content type.
            var form = endpoint.Path.EndsWith("/slack/commands", StringComparison.Ordinal) || endpoint.Path.EndsWith("/mattermost", StringComparison.Ordinal);
            request.Content = form
                ? new StringContent($"token={WrongToken}&text=report+walk&command=/noc&user_id=U1&channel_id=C1", Encoding.UTF8, "application/x-www-form-urlencoded")
                : new StringContent($$$"""{"routing_key":"{{{WrongToken}}}","event_action":"trigger","payload":{"summary":"s","source":"x","severity":"critical"}}""",
                    Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await _host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
    }

    /// <summary>Every route the host maps, with a concrete path for its parameters and the policies it requires.</summary>
    private List<WalkedEndpoint> Endpoints()
    {
        var walked = new List<WalkedEndpoint>();
        foreach (var endpoint in _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            var path = "/" + RouteParameter().Replace(pattern.TrimStart('/'), m => m.Groups["name"].Value switch
            {
                "file" => "app.js",
                "documentName" => "v1",
                _ when m.Value.Contains(":guid", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
                _ => "walk",
            });
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                walked.Add(new WalkedEndpoint($"{method} {(pattern.StartsWith('/') ? pattern : "/" + pattern)}", method, path, policies));
            }
        }

        return walked;
    }

    private static byte[] Trap(string community) =>
        Sequence(
            IntegerValue(1),
            OctetString(community),
            Tlv(BerTags.TrapV2, IntegerValue(7), IntegerValue(0), IntegerValue(0),
                Sequence(
                    Varbind(SnmpTrapDecoder.SysUpTime0, UnsignedValue(BerTags.TimeTicks, 4242)),
                    Varbind(SnmpTrapDecoder.SnmpTrapOid0, Oid("1.3.6.1.6.3.1.1.5.3")),
                    Varbind("1.3.6.1.2.1.2.2.1.1.3", IntegerValue(3)))));

    private static string Sha256(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    [GeneratedRegex(@"\{\*?(?<name>[A-Za-z]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    private sealed record WalkedEndpoint(string Name, string Method, string Path, HashSet<string> Policies);

    /// <summary>Every log line the host writes, formatted as a log sink would write it, exception included.</summary>
    private sealed class LogCapture : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines() => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var structured = state is IEnumerable<KeyValuePair<string, object?>> values
                    ? string.Join(' ', values.Select(v => $"{v.Key}={v.Value}"))
                    : "";
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {structured} {exception}");
            }
        }
    }

    /// <summary>Totals of the host's NMS counters by instrument, listener and reason.</summary>
    private sealed class NmsCounterReader : IDisposable
    {
        private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);
        private readonly MeterListener _listener = new();

        public NmsCounterReader(IMeterFactory factory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == NmsTelemetry.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                string? name = null, reason = null;
                foreach (var tag in tags)
                {
                    if (tag.Key == "listener")
                    {
                        name = tag.Value as string;
                    }
                    else if (tag.Key == "reason")
                    {
                        reason = tag.Value as string;
                    }
                }

                _totals.AddOrUpdate($"{instrument.Name}|{name}|", value, (_, t) => t + value);
                if (reason is not null)
                {
                    _totals.AddOrUpdate($"{instrument.Name}|{name}|{reason}", value, (_, t) => t + value);
                }
            });
            _listener.Start();
        }

        public long Get(string counter, string listener, string? reason = null) =>
            _totals.GetValueOrDefault($"correlation.ingest.nms.{counter}|{listener}|{reason}");

        public void Dispose() => _listener.Dispose();
    }
}
