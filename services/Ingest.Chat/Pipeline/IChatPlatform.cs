using Correlation.Ingest.Chat.Reports;

namespace Correlation.Ingest.Chat.Pipeline;

/// <summary>
/// One chat integration's endpoint: how its requests are authenticated and read, and how it is answered.
/// Size limit, publishing with the broker's confirm, retries, 503 and counting are <see cref="ChatPipeline"/>'s.
/// </summary>
internal interface IChatPlatform
{
    /// <summary>The platform's name: the alarm's source name and the "source" tag of the ingest counters.</summary>
    string Source { get; }

    string Route { get; }

    /// <summary>Null when the platform's secret is configured; else what to set, for the 404 answer.</summary>
    string? NotConfigured { get; }

    /// <summary>The media types this endpoint reads, for the 415 answer.</summary>
    string MediaTypes { get; }

    bool Accepts(string mediaType);

    /// <summary>Checks the request's signature before anything in it is read; null when genuine, else why not.</summary>
    string? Verify(ChatRequest request);

    /// <summary>Pure: no I/O.</summary>
    ChatInbound Read(ChatRequest request);

    /// <summary>
    /// The answer to a report the broker holds (published now, or by an earlier delivery of the same message);
    /// <paramref name="text"/> says so for people, in plain text the platform escapes as it needs.
    /// </summary>
    IResult Answer(ReportOutcome outcome, string text);
}
