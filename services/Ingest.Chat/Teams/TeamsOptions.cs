namespace Correlation.Ingest.Chat.Teams;

/// <summary>Microsoft Teams outgoing webhooks.</summary>
public sealed class TeamsOptions
{
    /// <summary>
    /// The security tokens Teams showed when each outgoing webhook was created (base64), one per webhook.
    /// Empty: the Teams route answers 404.
    /// </summary>
    public List<string> Secrets { get; set; } = [];
}
