namespace Correlation.Ingest.Chat.Mattermost;

/// <summary>Mattermost outgoing webhooks.</summary>
public sealed class MattermostOptions
{
    /// <summary>The token of each outgoing webhook allowed to report. Empty: the Mattermost route answers 404.</summary>
    public List<string> Tokens { get; set; } = [];
}
