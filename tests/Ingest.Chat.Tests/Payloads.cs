using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Correlation.Ingest.Chat.Tests;

/// <summary>Requests shaped as Slack, Teams and Mattermost send them (field names and nesting from their documentation).</summary>
internal static class Payloads
{
    public static string SlackUrlVerification(string challenge) =>
        JsonSerializer.Serialize(new { token = "Jhj5dZrVaK7ZwHHjRyZWjbDl", challenge, type = "url_verification" });

    public static string SlackEvent(string eventType, string channel, string text, string ts, string eventId = "Ev0PV52K21",
        string user = "U061F7AUR", string? subtype = null, string? botId = null)
    {
        var message = new Dictionary<string, object?>
        {
            ["type"] = eventType,
            ["user"] = user,
            ["text"] = text,
            ["ts"] = ts,
            ["channel"] = channel,
            ["event_ts"] = ts,
        };
        if (subtype is not null)
        {
            message["subtype"] = subtype;
        }

        if (botId is not null)
        {
            message["bot_id"] = botId;
        }

        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["token"] = "XXYYZZ",
            ["team_id"] = "T061EG9RZ",
            ["api_app_id"] = "A0FFV41KK",
            ["event"] = message,
            ["type"] = "event_callback",
            ["event_id"] = eventId,
            ["event_time"] = 1_763_892_000,
            ["authorizations"] = new[] { new { enterprise_id = (string?)null, team_id = "T061EG9RZ", user_id = "U0NOCBOT1", is_bot = true } },
        });
    }

    public static string SlackTs(DateTimeOffset at) =>
        (at.ToUnixTimeMilliseconds() / 1000m).ToString("0.000000", CultureInfo.InvariantCulture);

    public static string SlackCommand(string text, string channel, string command = "/noc", string user = "U2CERLKJA", string? triggerId = null) =>
        Form(
            ("token", "gIkuvaNzQIHg97ATvDxqgjtO"), ("team_id", "T1DC2JH3J"), ("team_domain", "noc-example"), ("channel_id", channel),
            ("channel_name", "noc-reports"), ("user_id", user), ("user_name", "sam.jones"), ("command", command), ("text", text),
            ("api_app_id", "A123456"), ("response_url", "https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN"),
            ("trigger_id", triggerId ?? "398738663015.47445629121." + Guid.NewGuid().ToString("N")));

    public static string Teams(string text, string conversation, string id = "1485983408511", string from = "Sam Jones") =>
        JsonSerializer.Serialize(new
        {
            type = "message",
            id,
            timestamp = "2026-11-23T10:15:02.123Z",
            localTimestamp = "2026-11-23T10:15:02.123+00:00",
            serviceUrl = "https://smba.trafficmanager.net/emea/",
            channelId = "msteams",
            from = new { id = "29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39A", name = from, aadObjectId = "c33aafc4-646d-4b7f-8f1a-2e2d1b1a1c8e" },
            conversation = new { isGroup = true, id = conversation + ";messageid=" + id, name = (string?)null, conversationType = "channel" },
            recipient = new { id = "28:c9e8c047-2a74-40a2-b28a-b162d5f5327c", name = "NOC" },
            textFormat = "plain",
            text,
            attachments = new[] { new { contentType = "text/html", content = "<div>" + text + "</div>" } },
            entities = new object[] { new { type = "mention", text = "<at>NOC</at>", mentioned = new { id = "28:c9e8c047", name = "NOC" } } },
            channelData = new
            {
                teamsChannelId = conversation,
                teamsTeamId = "19:712d0b7e2b1f4c16a6b2b0f0e2c3c1a0@thread.skype",
                channel = new { id = conversation },
                team = new { id = "19:712d0b7e2b1f4c16a6b2b0f0e2c3c1a0@thread.skype" },
                tenant = new { id = "72f988bf-86f1-41af-91ab-2d7cd011db47" },
            },
        });

    public static string Mattermost(string text, string channel, string token = ChatTestHost.MattermostToken, string trigger = "noc", string postId = "dwfi5ukkq3ds8bptoy1fbcojxe") =>
        Form(
            ("token", token), ("team_id", "ifkgbxo5c3fs5jijz8obsokdqe"), ("team_domain", "noc"), ("channel_id", channel),
            ("channel_name", "town-square"), ("timestamp", "1763892900000"), ("user_id", "rrbmwp8b8iyxdkcw7awhx36t7a"), ("user_name", "sam"),
            ("post_id", postId), ("text", text), ("trigger_word", trigger), ("file_ids", ""));

    public static string Form(params (string Name, string Value)[] fields) =>
        string.Join('&', fields.Select(f => WebUtility.UrlEncode(f.Name) + "=" + WebUtility.UrlEncode(f.Value)));
}
