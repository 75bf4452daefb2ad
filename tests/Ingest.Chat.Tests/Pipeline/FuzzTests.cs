using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Correlation.Ingest.Chat.Tests.Pipeline;

/// <summary>
/// Seeded garbage to every endpoint: random bytes, random JSON in the platforms' vocabulary, broken forms and cut
/// payloads, sometimes correctly signed (so that it reaches the readers), under random content types. Nothing may
/// answer 5xx (the harness broker always confirms, so not even 503) and nothing may be published: no garbage
/// here says "report".
/// </summary>
public class FuzzTests
{
    private static readonly string[] Routes = ["/api/v1/chat/slack/events", "/api/v1/chat/slack/commands", "/api/v1/chat/teams", "/api/v1/chat/mattermost"];
    private static readonly string[] Keys =
    [
        "type", "event", "text", "user", "user_id", "user_name", "channel", "channel_id", "ts", "challenge", "from", "conversation", "id", "token",
        "command", "team_id", "event_id", "recipient", "channelData", "channel", "tenant", "timestamp", "subtype", "bot_id", "trigger_word", "post_id", "name",
    ];

    private static readonly string[] Words =
    [
        "url_verification", "event_callback", "message", "help", "/noc", "/deploy", "<at>NOC</at>", "<@U1>", "site=", "site=leeds", "service=", "=",
        "&amp;", "&#", "<", ">", "%", "%zz", "+", "\u00a0", "\u0000", "\ud800", "𝄞", "1e400", "-1", "99999999999999999999999", "0001-01-01T00:00:00Z", "null",
        ChatTestHost.MattermostToken,
    ];

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/x-www-form-urlencoded", "text/plain", "application/json; charset=utf-16", "multipart/form-data; boundary=x", "a/b;;=",
        "application/cloudevents+json", "",
    ];

    private ChatTestHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await ChatTestHost.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [TestCase(1)]
    [TestCase(20261123)]
    [TestCase(424242)]
    public async Task Garbage_never_gets_a_server_error_and_never_publishes(int seed)
    {
        var random = new Random(seed);
        var statuses = new List<(HttpStatusCode Status, string Route, string Body)>();
        foreach (var route in Routes)
        {
            for (var i = 0; i < 120; i++)
            {
                var body = Body(random, route);
                var contentType = random.Next(3) == 0 ? ContentTypes[random.Next(ContentTypes.Length)] : Natural(route);
                using var response = await _host.PostAsync(route, body, contentType.Length == 0 ? null : contentType, Headers(random, body));
                statuses.Add((response.StatusCode, route, Encoding.UTF8.GetString(body)));
            }
        }

        foreach (var route in statuses.GroupBy(s => s.Route))
        {
            await TestContext.Out.WriteLineAsync($"{route.Key}: " + string.Join(", ", route.GroupBy(s => (int)s.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")));
        }

        Assert.That(statuses.Where(s => (int)s.Status >= 500).Select(s => $"{(int)s.Status} {s.Route} {s.Body}"), Is.Empty);
        Assert.That(_host.Published(), Is.Empty);
        // The garbage got past the signature often enough to exercise every reader.
        foreach (var route in Routes)
        {
            Assert.That(statuses.Where(s => s.Route == route).Select(s => s.Status), Has.Some.EqualTo(HttpStatusCode.BadRequest), route);
        }
    }

    private static string Natural(string route) =>
        route.EndsWith("commands", StringComparison.Ordinal) ? "application/x-www-form-urlencoded" : "application/json";

    private static byte[] Body(Random random, string route)
    {
        switch (random.Next(6))
        {
            case 0:
                var bytes = new byte[random.Next(0, 400)];
                random.NextBytes(bytes);
                return bytes;
            case 1:
                return Encoding.UTF8.GetBytes(Text(random, random.Next(0, 30)));
            case 2:
                var json = JsonText(random);
                // Cut short: no prefix of a JSON object is one.
                return Encoding.UTF8.GetBytes(json[..random.Next(0, json.Length)]);
            case 3:
                return Encoding.UTF8.GetBytes(string.Join('&', Enumerable.Range(0, random.Next(0, 12)).Select(_ =>
                    Uri.EscapeDataString(Keys[random.Next(Keys.Length)]) + (random.Next(5) == 0 ? "" : "=" + Uri.EscapeDataString(Text(random, random.Next(0, 6)))))));
            case 4:
                // The shape each platform expects, with random values: the readers' own checks must catch it.
                return Encoding.UTF8.GetBytes(route switch
                {
                    _ when route.EndsWith("commands", StringComparison.Ordinal) => Payloads.Form(("command", "/noc"), ("user_id", "U1"), ("channel_id", "C1"), ("text", Text(random, random.Next(0, 8)))),
                    _ when route.EndsWith("mattermost", StringComparison.Ordinal) => Payloads.Form(("token", ChatTestHost.MattermostToken), ("user_id", "u"), ("channel_id", "c"), ("text", Text(random, random.Next(0, 8)))),
                    _ when route.EndsWith("events", StringComparison.Ordinal) => new JsonObject
                    {
                        ["type"] = "event_callback",
                        ["event_id"] = Value(random),
                        ["event"] = new JsonObject
                        {
                            ["type"] = random.Next(2) == 0 ? "message" : Value(random),
                            ["user"] = Value(random),
                            ["channel"] = random.Next(2) == 0 ? ChatTestHost.ReportChannel : Value(random),
                            ["ts"] = random.Next(2) == 0 ? "1763892000.000100" : Value(random),
                            ["text"] = random.Next(2) == 0 ? Text(random, random.Next(0, 8)) : Value(random),
                        },
                    }.ToJsonString(),
                    _ => new JsonObject
                    {
                        ["type"] = random.Next(2) == 0 ? "message" : Value(random),
                        ["id"] = Value(random),
                        ["timestamp"] = random.Next(2) == 0 ? "2026-11-23T10:15:02Z" : Value(random),
                        ["text"] = random.Next(2) == 0 ? "<at>NOC</at> " + Text(random, random.Next(0, 8)) : Value(random),
                        ["from"] = new JsonObject { ["id"] = Value(random), ["name"] = Value(random) },
                        ["conversation"] = random.Next(4) == 0 ? Value(random) : new JsonObject { ["id"] = Value(random) },
                    }.ToJsonString(),
                });
            default:
                return Encoding.UTF8.GetBytes(JsonText(random));
        }
    }

    /// <summary>Mostly a string, as the platforms send; sometimes any other JSON.</summary>
    private static JsonNode? Value(Random random) => random.Next(3) == 0 ? Json(random, 2) : JsonValue.Create(Text(random, random.Next(1, 3)));

    private static string JsonText(Random random) => Json(random, 0)?.ToJsonString() ?? "null";

    private static JsonNode? Json(Random random, int depth)
    {
        switch (depth > 3 ? random.Next(4) : random.Next(7))
        {
            case 0: return JsonValue.Create(Text(random, random.Next(0, 4)));
            case 1: return JsonValue.Create(random.Next(-5, 5) * Math.Pow(10, random.Next(0, 300)));
            case 2: return JsonValue.Create(random.Next(2) == 0);
            case 3: return null;
            case 4: return new JsonArray([.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => Json(random, depth + 1))]);
            default:
                var obj = new JsonObject();
                for (var i = random.Next(0, 8); i > 0; i--)
                {
                    obj[Keys[random.Next(Keys.Length)]] = Json(random, depth + 1);
                }

                return obj;
        }
    }

    private static string Text(Random random, int words) =>
        string.Join(random.Next(3) == 0 ? "\u00a0" : " ", Enumerable.Range(0, words).Select(_ => random.Next(3) == 0
            ? Words[random.Next(Words.Length)]
            : new string([.. Enumerable.Range(0, random.Next(1, 9)).Select(_ => (char)random.Next(0x21, 0x7f))])));

    // Header values stay printable ASCII: the client refuses to send anything else.
    private static string Ascii(Random random) => new([.. Enumerable.Range(0, random.Next(0, 70)).Select(_ => (char)random.Next(0x20, 0x7f))]);

    /// <summary>Often a correct signature over the garbage, sometimes a stale or a broken one, sometimes none.</summary>
    private static (string, string)[] Headers(Random random, byte[] body)
    {
        var now = Signers.Now();
        var stamp = (random.Next(6) == 0 ? now - 400 : now).ToString(CultureInfo.InvariantCulture);
        return random.Next(5) switch
        {
            0 => [],
            1 => [("X-Slack-Request-Timestamp", Ascii(random)), ("X-Slack-Signature", "v0=" + Ascii(random)), ("Authorization", "HMAC " + Ascii(random))],
            _ =>
            [
                ("X-Slack-Request-Timestamp", stamp),
                ("X-Slack-Signature", Signers.Slack(ChatTestHost.SlackSecret, long.Parse(stamp, CultureInfo.InvariantCulture), body)),
                ("Authorization", Signers.Teams(ChatTestHost.TeamsSecret, body)),
            ],
        };
    }
}
