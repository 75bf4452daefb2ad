using System.Text.Json;
using Correlation.Ingest.Chat.Pipeline;
using Correlation.Ingest.Chat.Reports;
using Correlation.Ingest.Generic;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Chat.Teams;

/// <summary>
/// A Microsoft Teams outgoing webhook: POST /api/v1/chat/teams, a message activity sent when someone
/// @mentions the webhook in a channel, signed with the webhook's security token (<see cref="TeamsSignature"/>).
/// "@NOC report &lt;text&gt; [site=… service=…]" is answered in the thread, within Teams' five seconds, once the
/// broker holds the alarm; "@NOC help" with the usage.
/// </summary>
internal sealed class TeamsWebhook(IOptions<ChatOptions> options) : IChatPlatform
{
    public const string SourceName = "teams";

    private readonly TeamsOptions _teams = options.Value.Teams;
    private readonly TeamsSignature _signature = new(options.Value.Teams.Secrets);

    public string Source => SourceName;

    public string Route => "/api/v1/chat/teams";

    public string? NotConfigured => _teams.Secrets.Count == 0
        ? "Microsoft Teams is not configured here: set Chat:Teams:Secrets:0 to the outgoing webhook's security token."
        : null;

    public string MediaTypes => "application/json";

    public bool Accepts(string mediaType) => mediaType is "" or "application/json";

    public string? Verify(ChatRequest request) => _signature.Check(request);

    public ChatInbound Read(ChatRequest request)
    {
        if (!JsonFields.TryParseObject(request.Body.Span, "a Teams message activity (a JSON object)", out var document, out var error))
        {
            return new ChatInbound.Invalid([error]);
        }

        using (document)
        {
            var activity = document.RootElement;
            var errors = new List<FieldError>();
            var type = JsonFields.Required(activity, "type", "$", errors);
            if (type is not null && type != "message")
            {
                errors.Add(new FieldError("$.type", $"'{type}' is not a message activity; an outgoing webhook sends messages"));
            }

            var text = JsonFields.Required(activity, "text", "$", errors);
            var id = JsonFields.Optional(activity, "id", "$", errors);
            var observedAt = JsonFields.Time(activity, "timestamp", "$", errors);
            var from = Child(activity, "from", "$", errors, required: true);
            var fromId = Field(from, "id", "$.from", errors, required: true);
            var fromName = Field(from, "name", "$.from", errors);
            var fromAad = Field(from, "aadObjectId", "$.from", errors);
            var conversation = Child(activity, "conversation", "$", errors, required: true);
            var conversationId = Field(conversation, "id", "$.conversation", errors, required: true);
            var conversationName = Field(conversation, "name", "$.conversation", errors);
            var botName = Field(Child(activity, "recipient", "$", errors), "name", "$.recipient", errors);
            var channelData = Child(activity, "channelData", "$", errors);
            var channel = Child(channelData, "channel", "$.channelData", errors);
            var channelId = Field(channel, "id", "$.channelData.channel", errors);
            var channelName = Field(channel, "name", "$.channelData.channel", errors);
            var tenant = Field(Child(channelData, "tenant", "$.channelData", errors), "id", "$.channelData.tenant", errors);
            if (errors.Count > 0)
            {
                return new ChatInbound.Invalid(errors);
            }

            // The webhook's own name is how people call it in this team.
            var invocation = "@" + (botName ?? "NOC");
            var parsed = ReportCommand.Parse(TeamsText.Plain(text!));
            switch (parsed.Kind)
            {
                case CommandKind.Help:
                    return new ChatInbound.Reply(TeamsReplies.Message(ReportReplies.Usage(invocation)));
                case CommandKind.Unknown:
                    return new ChatInbound.Reply(TeamsReplies.Message(ReportReplies.Unknown(parsed.Text, invocation)));
                case CommandKind.EmptyReport:
                    return new ChatInbound.Reply(TeamsReplies.Message(ReportReplies.EmptyReport(invocation)));
            }

            var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["conversation_id"] = conversationId! };
            if (id is not null)
            {
                details["activity_id"] = id;
            }

            if (tenant is not null)
            {
                details["tenant_id"] = tenant;
            }

            return new ChatInbound.Report(new ChatReport(
                SourceName, $"{conversationId}:{id ?? BodyHash.Of(request.Body.Span)}", fromAad ?? fromId!, fromName,
                channelId ?? conversationId!, channelName ?? conversationName, parsed.Text, observedAt, details));
        }
    }

    public IResult Answer(ReportOutcome outcome, string text) => TeamsReplies.Message(text);

    /// <summary>An object-valued property; a value of another kind is an error, a missing one only when required.</summary>
    private static JsonElement? Child(JsonElement? parent, string name, string path, List<FieldError> errors, bool required = false)
    {
        if (parent is not { } obj || !obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required && parent is not null)
            {
                errors.Add(new FieldError($"{path}.{name}", "is required"));
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError($"{path}.{name}", $"must be an object, not {JsonFields.Describe(value.ValueKind)}"));
            return null;
        }

        return value;
    }

    /// <summary>A string property of an object that may be absent.</summary>
    private static string? Field(JsonElement? parent, string name, string path, List<FieldError> errors, bool required = false) =>
        parent is not { } obj ? null
        : required ? JsonFields.Required(obj, name, path, errors)
        : JsonFields.Optional(obj, name, path, errors);
}
