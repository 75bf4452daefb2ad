using System.Globalization;
using System.Text.Json.Serialization;
using Correlation.Ingest.Chat.Pipeline;
using Correlation.Ingest.Chat.Reports;
using Correlation.Ingest.Generic;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Chat.Mattermost;

/// <summary>
/// A Mattermost outgoing webhook: POST /api/v1/chat/mattermost, form-encoded or JSON (the webhook's content
/// type setting). Mattermost does not sign; its <c>token</c> field is compared in constant time with
/// <see cref="MattermostOptions.Tokens"/>. The trigger word is removed from the text, which then takes the
/// shared command shape; the answer is posted in the channel.
/// </summary>
internal sealed class MattermostWebhook(IOptions<ChatOptions> options) : IChatPlatform
{
    public const string SourceName = "mattermost";

    private readonly MattermostOptions _mattermost = options.Value.Mattermost;

    public string Source => SourceName;

    public string Route => "/api/v1/chat/mattermost";

    public string? NotConfigured => _mattermost.Tokens.Count == 0
        ? "Mattermost is not configured here: set Chat:Mattermost:Tokens:0 to the outgoing webhook's token."
        : null;

    public string MediaTypes => "application/x-www-form-urlencoded or application/json";

    public bool Accepts(string mediaType) => mediaType is "" or "application/x-www-form-urlencoded" or "application/json";

    /// <summary>Mattermost does not sign; its token is in the body, checked by <see cref="Read"/> before anything else.</summary>
    public string? Verify(ChatRequest request) => null;

    public ChatInbound Read(ChatRequest request)
    {
        Dictionary<string, string> fields;
        if (request.MediaType == "application/json")
        {
            if (!JsonFields.TryParseObject(request.Body.Span, "an outgoing webhook payload (a JSON object)", out var document, out var error))
            {
                return new ChatInbound.Invalid([error]);
            }

            using (document)
            {
                fields = FormFields.FromJson(document.RootElement);
            }
        }
        else
        {
            fields = FormFields.FromForm(request.Body.Span);
        }

        if (!SecretTokens.Matches(fields.Get("token"), _mattermost.Tokens))
        {
            return new ChatInbound.Unauthorized("The token field must hold the token of an outgoing webhook configured here.");
        }

        var errors = new List<FieldError>();
        var text = fields.Get("text");
        var user = fields.Get("user_id") ?? fields.Get("user_name");
        var channel = fields.Get("channel_id") ?? fields.Get("channel_name");
        AddIfMissing(errors, text, "text", "is required");
        AddIfMissing(errors, user, "user_id", "is required (or user_name)");
        AddIfMissing(errors, channel, "channel_id", "is required (or channel_name)");
        if (errors.Count > 0)
        {
            return new ChatInbound.Invalid(errors);
        }

        var trigger = fields.Get("trigger_word");
        var invocation = trigger ?? "noc";
        var parsed = ReportCommand.Parse(WithoutTrigger(text!, trigger));
        switch (parsed.Kind)
        {
            case CommandKind.Help:
                return new ChatInbound.Reply(Message(ReportReplies.Usage(invocation)));
            case CommandKind.Unknown:
                return new ChatInbound.Reply(Message(ReportReplies.Unknown(parsed.Text, invocation)));
            case CommandKind.EmptyReport:
                return new ChatInbound.Reply(Message(ReportReplies.EmptyReport(invocation)));
        }

        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in (string[])["team_id", "team_domain", "post_id", "trigger_word"])
        {
            if (fields.Get(name) is { } value)
            {
                details[name] = value.Length > 200 ? value[..200] : value;
            }
        }

        return new ChatInbound.Report(new ChatReport(
            SourceName, fields.Get("post_id") ?? BodyHash.Of(request.Body.Span), user!, fields.Get("user_name"), channel!, fields.Get("channel_name"),
            parsed.Text, TimeOf(fields.Get("timestamp")), details));
    }

    public IResult Answer(ReportOutcome outcome, string text) => Message(text);

    private static IResult Message(string text) => Results.Json(new Reply(text));

    private static string WithoutTrigger(string text, string? trigger) =>
        trigger is not null && text.StartsWith(trigger, StringComparison.OrdinalIgnoreCase)
            ? text[trigger.Length..].TrimStart(' ', ':', ',')
            : text;

    /// <summary>Mattermost has sent seconds and, in later versions, milliseconds since 1970; both are read.</summary>
    private static DateTimeOffset? TimeOf(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= 253_402_300_799_999
            ? number > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(number) : DateTimeOffset.FromUnixTimeSeconds(number)
            : null;

    private static void AddIfMissing(List<FieldError> errors, string? value, string field, string message)
    {
        if (value is null)
        {
            errors.Add(new FieldError(field, message));
        }
    }

    internal sealed record Reply([property: JsonPropertyName("text")] string Text);
}
