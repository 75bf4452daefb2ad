using System.ComponentModel.DataAnnotations;
using Correlation.Contracts;
using Correlation.Ingest.Chat.Mattermost;
using Correlation.Ingest.Chat.Slack;
using Correlation.Ingest.Chat.Teams;

namespace Correlation.Ingest.Chat;

/// <summary>
/// Bound from the "Chat" section: each platform's secrets, how a report becomes an alarm, and the limits
/// that keep a chat platform's deadline (Slack gives three seconds). A platform whose secret is not set
/// answers 404 on its routes: an endpoint that cannot tell a real sender from anyone else is not offered.
/// </summary>
public sealed class ChatOptions
{
    public const string SectionName = "Chat";

    /// <summary>Largest request body read; chat payloads are a few kilobytes.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// How long a report waits for the broker's confirm before the platform is told 503: below Slack's
    /// three-second deadline, so that the answer arrives while someone still listens.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan ReplyDeadline { get; set; } = TimeSpan.FromSeconds(2.5);

    /// <summary>What a 503 tells the sender to wait (the Retry-After header).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Chat requests handled at once (every platform together); the next is answered 503 with Retry-After. Bounds
    /// the memory held by requests in flight to this times <see cref="MaxBodyBytes"/>.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxConcurrentRequests { get; set; } = 32;

    /// <summary>Requests a second one sender address may make to one chat endpoint, on average; 0: no limit. Over it: 429 with Retry-After.</summary>
    [Range(0, 1_000_000)]
    public double RequestsPerSecondPerSender { get; set; }

    /// <summary>Requests a sender may make at once before the rate applies; 0: twice the rate.</summary>
    [Range(0, 10_000_000)]
    public int BurstPerSender { get; set; }

    /// <summary>Sender addresses whose rate is tracked one by one; past it, new senders share one limit.</summary>
    [Range(1, 10_000_000)]
    public int MaxTrackedSenders { get; set; } = 10_000;

    /// <summary>How long a published report's key is remembered here, so that a platform's retry is not published again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DedupWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Most keys remembered; past it, retries are still caught downstream by the correlator's idempotency keys.</summary>
    [Range(1, 10_000_000)]
    public int DedupCapacity { get; set; } = 100_000;

    /// <summary>Severity of a report that names none of <see cref="MajorWords"/>.</summary>
    public AlarmSeverity DefaultSeverity { get; set; } = AlarmSeverity.Minor;

    /// <summary>Whole words (any case) that make a report major: people say "down" when something is down.</summary>
    public List<string> MajorWords { get; set; } = ["down", "outage", "offline", "unreachable", "dead"];

    /// <summary>
    /// The console's base URL, for the link in the answer to a report (e.g. https://noc.example/). Empty: the
    /// host the request came to, which is right for the all-in-one host and wrong behind a separate ingress.
    /// </summary>
    public Uri? ConsoleUrl { get; set; }

    public SlackOptions Slack { get; set; } = new();

    public TeamsOptions Teams { get; set; } = new();

    public MattermostOptions Mattermost { get; set; } = new();
}
