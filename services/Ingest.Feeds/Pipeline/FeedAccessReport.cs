using Correlation.Ingest.Admission;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Feeds.Pipeline;

/// <summary>Says at start how each feed is protected, so an open feed is never a surprise. Feed names and key counts only; never keys.</summary>
internal sealed partial class FeedAccessReport(IOptions<IngestFeedsOptions> options, IEnumerable<IFeed> feeds, ILogger<FeedAccessReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var ingest = options.Value;
        var keyless = feeds.Where(f => f.Options.ApiKeys.Count == 0).Select(f => f.Source).Distinct(StringComparer.Ordinal).ToList();
        var keyed = feeds.Where(f => f.Options.ApiKeys.Count > 0).Select(f => $"{f.Source} ({f.Options.ApiKeys.Count})").Distinct(StringComparer.Ordinal).ToList();
        var keylessList = string.Join(", ", keyless);
        var keyedList = string.Join(", ", keyed);
        if (keyless.Count > 0)
        {
            if (ingest.Anonymous == AnonymousSenders.Anyone)
            {
                LogOpenToAnyone(logger, keylessList);
            }
            else
            {
                LogKeyless(logger, keylessList, ingest.Anonymous == AnonymousSenders.Loopback ? "this machine only" : "nobody");
            }
        }

        if (keyed.Count > 0)
        {
            LogKeyed(logger, keyedList);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingest feeds without API keys are open to anyone who can reach them (Ingest:Anonymous=Anyone): {Feeds}")]
    private static partial void LogOpenToAnyone(ILogger logger, string feeds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest feeds without API keys take keyless requests from {Whom}: {Feeds}. Set Ingest:<Feed>:ApiKeys before senders on other hosts use them.")]
    private static partial void LogKeyless(ILogger logger, string feeds, string whom);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest feeds with API keys (key count): {Feeds}")]
    private static partial void LogKeyed(ILogger logger, string feeds);
}
