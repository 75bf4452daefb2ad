using Correlation.Ingest.Chat.Reports;
using Correlation.Ingest.Generic;

namespace Correlation.Ingest.Chat.Pipeline;

/// <summary>What a platform made of a genuine request: a report to publish, an answer that publishes nothing, or a refusal.</summary>
internal abstract record ChatInbound
{
    private ChatInbound()
    {
    }

    /// <summary>The payload is not what the platform sends: 400 naming each problem.</summary>
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : ChatInbound;

    /// <summary>A credential inside the body (Mattermost's token) is missing or wrong: 401.</summary>
    public sealed record Unauthorized(string Reason) : ChatInbound;

    /// <summary>Nothing to publish (the URL check, help, an event that is not a report): this answer, as it is.</summary>
    public sealed record Reply(IResult Result) : ChatInbound;

    /// <summary>Someone reported a problem.</summary>
    public sealed record Report(ChatReport Message) : ChatInbound;

    public static ChatInbound Failed(string field, string message) => new Invalid([new FieldError(field, message)]);
}
