using System.Security.Cryptography;
using System.Text;
using Correlation.Ingest.Chat.Pipeline;
using Correlation.Ingest.Chat.Reports;
using Correlation.Ingest.Generic;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Chat.Slack;

/// <summary>
/// The slash command (<see cref="SlackOptions.Command"/>, "/noc"): POST /api/v1/chat/slack/commands, a signed
/// application/x-www-form-urlencoded request. "/noc report &lt;text&gt; [site=… service=…]" is answered, once the
/// broker holds the alarm, with an ephemeral message giving the alarm's id and a console link; "/noc help" (or
/// anything we do not know) with the usage. Slack does not redeliver commands; the trigger_id still makes an
/// accidental replay the same alarm.
/// </summary>
internal sealed class SlackCommands(IOptions<ChatOptions> options) : IChatPlatform
{
    private readonly SlackOptions _slack = options.Value.Slack;

    public string Source => SlackEvents.SourceName;

    public string Route => "/api/v1/chat/slack/commands";

    public string? NotConfigured => MissingSecret(_slack);

    public string MediaTypes => "application/x-www-form-urlencoded";

    public bool Accepts(string mediaType) => mediaType == "application/x-www-form-urlencoded";

    public string? Verify(ChatRequest request) => SlackSignature.Check(request, _slack.SigningSecret!, _slack.MaxSignatureAge);

    public ChatInbound Read(ChatRequest request)
    {
        var fields = FormFields.FromForm(request.Body.Span);
        var errors = new List<FieldError>();
        var command = Required(fields, "command", errors);
        var user = Required(fields, "user_id", errors);
        var channel = Required(fields, "channel_id", errors);
        if (errors.Count > 0)
        {
            return new ChatInbound.Invalid(errors);
        }

        if (!command!.Equals(_slack.Command, StringComparison.OrdinalIgnoreCase))
        {
            return ChatInbound.Failed("command", $"'{Shorten(command)}' is not the command this app answers ({_slack.Command})");
        }

        var parsed = ReportCommand.Parse(SlackText.Plain(fields.Get("text") ?? ""));
        switch (parsed.Kind)
        {
            case CommandKind.Help:
                return new ChatInbound.Reply(SlackReplies.Ephemeral(ReportReplies.Usage(_slack.Command)));
            case CommandKind.Unknown:
                return new ChatInbound.Reply(SlackReplies.Ephemeral(ReportReplies.Unknown(parsed.Text, _slack.Command)));
            case CommandKind.EmptyReport:
                return new ChatInbound.Reply(SlackReplies.Ephemeral(ReportReplies.EmptyReport(_slack.Command)));
        }

        var team = fields.Get("team_id");
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["command"] = _slack.Command };
        if (team is not null)
        {
            details["team_id"] = team;
        }

        // trigger_id is unique to one invocation; without it, the signed timestamp and body are.
        var invocation = fields.Get("trigger_id") ?? Hash(request.Header(SlackSignature.TimestampHeader), request.Body.Span);
        return new ChatInbound.Report(new ChatReport(
            SlackEvents.SourceName, $"{team ?? "-"}:command:{invocation}", user!, fields.Get("user_name"), channel!, fields.Get("channel_name"),
            parsed.Text, null, details));
    }

    public IResult Answer(ReportOutcome outcome, string text) => SlackReplies.Ephemeral(text);

    /// <summary>Why the Slack routes are not offered, or null when they are.</summary>
    public static string? MissingSecret(SlackOptions slack) =>
        string.IsNullOrEmpty(slack.SigningSecret)
            ? "Slack is not configured here: set Chat:Slack:SigningSecret to the Slack app's signing secret."
            : null;

    private static string? Required(IReadOnlyDictionary<string, string> fields, string name, List<FieldError> errors)
    {
        var value = fields.Get(name);
        if (value is null)
        {
            errors.Add(new FieldError(name, "is required"));
        }

        return value;
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static string Hash(string? timestamp, ReadOnlySpan<byte> body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(timestamp ?? ""));
        sha.AppendData(body);
        return Convert.ToHexStringLower(sha.GetHashAndReset().AsSpan(0, 16));
    }
}
