using System.Text.Json.Serialization;

namespace Correlation.Ingest.Chat.Teams;

/// <summary>What a Teams outgoing webhook is answered with: a message activity, posted in the thread.</summary>
internal static class TeamsReplies
{
    public static IResult Message(string text) => Results.Json(new Activity("message", TeamsText.Escape(text)));

    internal sealed record Activity([property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("text")] string Text);
}
