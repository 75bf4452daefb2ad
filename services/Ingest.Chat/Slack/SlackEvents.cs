using System.Text.Json;
using Correlation.Ingest.Chat.Pipeline;
using Correlation.Ingest.Chat.Reports;
using Correlation.Ingest.Generic;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Chat.Slack;

/// <summary>
/// Slack's Events API: POST /api/v1/chat/slack/events. Answers the URL verification challenge; takes
/// app_mention events ("@noc the drives are down at Leeds") as reports, and plain messages in
/// <see cref="SlackOptions.MessageChannels"/> that hold one of <see cref="SlackOptions.MessageKeywords"/>.
/// Everything else (edits, bot messages, other event types) is acknowledged and ignored, so that Slack does not
/// redeliver it. A report's message identity is team, channel and ts: a redelivery (X-Slack-Retry-Num) and the
/// message event Slack sends beside an app_mention for the same message carry the same one, so it is published once.
/// </summary>
internal sealed class SlackEvents(IOptions<ChatOptions> options) : IChatPlatform
{
    public const string SourceName = "slack";

    private readonly SlackOptions _slack = options.Value.Slack;
    private readonly string[][] _keywords = [.. options.Value.Slack.MessageKeywords.Select(Words.Of).Where(p => p.Length > 0)];

    public string Source => SourceName;

    public string Route => "/api/v1/chat/slack/events";

    public string? NotConfigured => SlackCommands.MissingSecret(_slack);

    public string MediaTypes => "application/json";

    public bool Accepts(string mediaType) => mediaType is "" or "application/json";

    public string? Verify(ChatRequest request) => SlackSignature.Check(request, _slack.SigningSecret!, _slack.MaxSignatureAge);

    public ChatInbound Read(ChatRequest request)
    {
        if (!JsonFields.TryParseObject(request.Body.Span, "an Events API payload (a JSON object)", out var document, out var error))
        {
            return new ChatInbound.Invalid([error]);
        }

        using (document)
        {
            var root = document.RootElement;
            var errors = new List<FieldError>();
            return JsonFields.Required(root, "type", "$", errors) switch
            {
                null => new ChatInbound.Invalid(errors),
                "url_verification" => JsonFields.Required(root, "challenge", "$", errors) is { } challenge
                    ? new ChatInbound.Reply(SlackReplies.Challenge(challenge))
                    : new ChatInbound.Invalid(errors),
                "event_callback" => ReadEvent(root, request),
                // app_rate_limited and types added later: acknowledged, nothing to report.
                _ => new ChatInbound.Reply(SlackReplies.Ignored()),
            };
        }
    }

    public IResult Answer(ReportOutcome outcome, string text) => SlackReplies.Accepted(outcome.Alarm.Id, outcome.Status == ReportStatus.Repeated);

    private ChatInbound ReadEvent(JsonElement root, ChatRequest request)
    {
        if (!root.TryGetProperty("event", out var message) || message.ValueKind != JsonValueKind.Object)
        {
            return ChatInbound.Failed("$.event", "is required: the event, as an object");
        }

        var errors = new List<FieldError>();
        var type = JsonFields.Required(message, "type", "$.event", errors);
        var subtype = JsonFields.Optional(message, "subtype", "$.event", errors);
        var bot = JsonFields.Optional(message, "bot_id", "$.event", errors);
        var mention = type == "app_mention" && _slack.Mentions;
        // Edits, joins, deletions and bots' own posts are not people reporting.
        if (errors.Count > 0 || !(mention || type == "message") || subtype is not null || bot is not null)
        {
            return errors.Count > 0 ? new ChatInbound.Invalid(errors) : new ChatInbound.Reply(SlackReplies.Ignored());
        }

        var user = JsonFields.Required(message, "user", "$.event", errors);
        var channel = JsonFields.Required(message, "channel", "$.event", errors);
        var ts = JsonFields.Required(message, "ts", "$.event", errors);
        var text = JsonFields.Optional(message, "text", "$.event", errors) ?? "";
        var team = JsonFields.Optional(root, "team_id", "$", errors) ?? JsonFields.Optional(message, "team", "$.event", errors);
        var eventId = JsonFields.Optional(root, "event_id", "$", errors);
        if (errors.Count > 0)
        {
            return new ChatInbound.Invalid(errors);
        }

        var said = SlackText.Plain(SlackText.WithoutLeadingMentions(text));
        if (!mention && (!_slack.MessageChannels.Contains(channel!, StringComparer.Ordinal) || !LooksLikeReport(said)))
        {
            return new ChatInbound.Reply(SlackReplies.Ignored());
        }

        // "@noc report the drives are down" and "@noc the drives are down" are the same report; "@noc help" is none.
        var command = ReportCommand.Parse(said);
        var report = command.Kind switch
        {
            CommandKind.Report => command.Text,
            CommandKind.Unknown => said,
            _ => "",
        };
        if (ReportText.Parse(report).Description.Length == 0)
        {
            return new ChatInbound.Reply(SlackReplies.Ignored());
        }

        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["ts"] = ts!, ["event_type"] = type! };
        AddIfKnown(details, "team_id", team);
        AddIfKnown(details, "event_id", eventId);
        AddIfKnown(details, "retry_num", request.Header("X-Slack-Retry-Num"));
        AddIfKnown(details, "retry_reason", request.Header("X-Slack-Retry-Reason"));
        return new ChatInbound.Report(new ChatReport(
            SourceName, $"{team ?? "-"}:{channel}:{ts}", user!, null, channel!, null, report, SlackText.TimeOf(ts), details));
    }

    private bool LooksLikeReport(string text)
    {
        var words = Words.Of(text);
        return _keywords.Any(k => Words.ContainsPhrase(words, k));
    }

    private static void AddIfKnown(Dictionary<string, string> details, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            details[name] = value.Length > 200 ? value[..200] : value;
        }
    }
}
