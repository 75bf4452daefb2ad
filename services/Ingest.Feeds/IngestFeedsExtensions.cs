using Correlation.Ingest.Feeds.Alertmanager;
using Correlation.Ingest.Feeds.CloudEvents;
using Correlation.Ingest.Feeds.Generic;
using Correlation.Ingest.Feeds.Grafana;
using Correlation.Ingest.Feeds.PagerDuty;
using Correlation.Ingest.Feeds.Pipeline;
using Correlation.Ingest.Feeds.Prometheus;
using Correlation.Ingest.Publishing;
using Correlation.Ingest.Generic;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Feeds;

public static class IngestFeedsExtensions
{
    public static IHostApplicationBuilder AddIngestFeeds(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<IngestFeedsOptions>()
            .Bind(builder.Configuration.GetSection(IngestFeedsOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrWhiteSpace(o.Grafana.SignatureHeader), "Ingest:Grafana:SignatureHeader must name a header.")
            .Validate(o => o.Grafana.MaxSignatureAge > TimeSpan.Zero, "Ingest:Grafana:MaxSignatureAge must be positive.")
            .Validate(o => AllSources(o).All(s => s.ApiKeys.All(k => k.Length >= 16)),
                "Ingest:<Feed>:ApiKeys: every key must be at least 16 characters long.")
            .ValidateOnStart();
        var services = builder.Services;
        services.TryAddSingleton<IngestTelemetry>();
        services.AddSingleton<FeedPipeline>();
        services.AddScoped<AlarmPublisher>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<IngestFeedsOptions>>().Value);
        services.AddSingleton(sp => new GenericAlarmParser(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IngestFeedsOptions>().Generic.Severity));
        services.AddSingleton<IFeed>(sp => new GenericFeed(sp.GetRequiredService<GenericAlarmParser>(), sp.GetRequiredService<IngestFeedsOptions>(), batch: false));
        services.AddSingleton<IFeed>(sp => new GenericFeed(sp.GetRequiredService<GenericAlarmParser>(), sp.GetRequiredService<IngestFeedsOptions>(), batch: true));
        services.AddSingleton<IFeed, AlertmanagerFeed>();
        services.AddSingleton<IFeed, PrometheusFeed>();
        services.AddSingleton<IFeed, PagerDutyFeed>();
        services.AddSingleton<IFeed, GrafanaFeed>();
        services.AddSingleton<IFeed, CloudEventsFeed>();
        return builder;
    }

    /// <summary>One POST endpoint per feed, all through the same <see cref="FeedPipeline"/>.</summary>
    public static IEndpointRouteBuilder MapIngestFeeds(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var feed in endpoints.ServiceProvider.GetServices<IFeed>())
        {
            endpoints.MapPost(feed.Route, (HttpContext http, FeedPipeline pipeline, AlarmPublisher publisher) => pipeline.HandleAsync(http, feed, publisher))
                .WithName($"Post-{feed.Source}{(feed.Route.EndsWith("/batch", StringComparison.Ordinal) ? "-batch" : "")}")
                .DisableAntiforgery();
        }

        return endpoints;
    }

    private static IEnumerable<FeedSourceOptions> AllSources(IngestFeedsOptions o) =>
        [o.Generic, o.Alertmanager, o.Prometheus, o.PagerDuty, o.Grafana, o.CloudEvents];
}
