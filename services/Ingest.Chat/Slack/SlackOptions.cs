namespace Correlation.Ingest.Chat.Slack;

/// <summary>The Slack app: its signing secret, its slash command, and which events count as reports.</summary>
public sealed class SlackOptions
{
    /// <summary>The app's signing secret (Basic Information → App Credentials). Unset: the Slack routes answer 404.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>How far the request timestamp may be from now (10 s to 1 h): older signed requests are replays.</summary>
    public TimeSpan MaxSignatureAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The slash command this app answers; another command sent to the route is refused.</summary>
    public string Command { get; set; } = "/noc";

    /// <summary>Take app_mention events ("@noc the printers are down in York") as reports.</summary>
    public bool Mentions { get; set; } = true;

    /// <summary>
    /// Channel ids (C0123…) whose plain messages are read as reports when they hold one of
    /// <see cref="MessageKeywords"/>; the app must be subscribed to message.channels. Empty: none.
    /// </summary>
    public List<string> MessageChannels { get; set; } = [];

    /// <summary>Whole words or phrases (any case) that make a channel message look like a report.</summary>
    public List<string> MessageKeywords { get; set; } =
        ["down", "outage", "not working", "broken", "offline", "unreachable", "cannot connect", "can't connect", "no network"];
}
