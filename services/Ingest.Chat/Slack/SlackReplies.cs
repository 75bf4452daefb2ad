using System.Text.Json.Serialization;

namespace Correlation.Ingest.Chat.Slack;

/// <summary>What Slack is answered with.</summary>
internal static class SlackReplies
{
    /// <summary>A slash command's answer that only the person who typed it sees.</summary>
    public static IResult Ephemeral(string text) => Results.Json(new Message("ephemeral", SlackText.Escape(text)));

    /// <summary>The Events API's URL check: the challenge, echoed.</summary>
    public static IResult Challenge(string challenge) => Results.Json(new ChallengeAnswer(challenge));

    /// <summary>An event taken as a report. Slack only needs the 200; the ids help whoever debugs the app.</summary>
    public static IResult Accepted(Guid alarmId, bool repeated) => Results.Json(new EventAnswer(true, alarmId, repeated));

    /// <summary>An event that is not a report: acknowledged, so that Slack does not redeliver it.</summary>
    public static IResult Ignored() => Results.Json(new EventAnswer(true, null, false));

    internal sealed record Message([property: JsonPropertyName("response_type")] string ResponseType, [property: JsonPropertyName("text")] string Text);

    internal sealed record ChallengeAnswer([property: JsonPropertyName("challenge")] string Challenge);

    internal sealed record EventAnswer(
        [property: JsonPropertyName("ok")] bool Ok,
        [property: JsonPropertyName("alarmId")] Guid? AlarmId,
        [property: JsonPropertyName("repeated")] bool Repeated);
}
