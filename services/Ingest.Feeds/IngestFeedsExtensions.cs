using Correlation.Ingest.Admission;
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
    /// <summary>The key of the feeds' <see cref="IngestAdmission"/> among the host's services.</summary>
    public const string AdmissionKey = "ingest-feeds";

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
            .Validate(o => Enum.IsDefined(o.Anonymous), "Ingest:Anonymous must be Loopback, Anyone or Nobody.")
            .Validate(o => AllSources(o).All(s => s.RequestsPerSecondPerSender is null or >= 0),
                "Ingest:<Feed>:RequestsPerSecondPerSender must not be negative (0: no limit).")
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
        services.AddHostedService<FeedAccessReport>();
        services.AddKeyedSingleton(AdmissionKey, (sp, _) =>
        {
            var options = sp.GetRequiredService<IngestFeedsOptions>();
            return new IngestAdmission("feeds", options.MaxConcurrentRequests, options.RetryAfter, sp.GetRequiredService<IngestTelemetry>());
        });
        return builder;
    }

    /// <summary>One POST endpoint per feed, all through the same <see cref="FeedPipeline"/>.</summary>
    public static IEndpointRouteBuilder MapIngestFeeds(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var options = services.GetRequiredService<IngestFeedsOptions>();
        var time = services.GetRequiredService<TimeProvider>();
        var admission = services.GetRequiredKeyedService<IngestAdmission>(AdmissionKey);
        // One limiter per feed, shared by its routes (the generic alarm and its batch).
        var limiters = new Dictionary<FeedSourceOptions, SenderRateLimiter<System.Net.IPAddress>?>(ReferenceEqualityComparer.Instance);
        foreach (var feed in services.GetServices<IFeed>())
        {
            if (!limiters.TryGetValue(feed.Options, out var perSender))
            {
                perSender = IngestAdmission.PerSender(feed.Options.RequestsPerSecondPerSender ?? options.RequestsPerSecondPerSender,
                    options.BurstPerSender, options.MaxTrackedSenders, time);
                limiters[feed.Options] = perSender;
            }

            endpoints.MapPost(feed.Route, (HttpContext http, FeedPipeline pipeline, AlarmPublisher publisher) => pipeline.HandleAsync(http, feed, publisher))
                .WithName($"Post-{feed.Source}{(feed.Route.EndsWith("/batch", StringComparison.Ordinal) ? "-batch" : "")}")
                .AddEndpointFilter(admission.For(feed.Source, perSender))
                .DisableAntiforgery();
        }

        return endpoints;
    }

    private static IEnumerable<FeedSourceOptions> AllSources(IngestFeedsOptions o) =>
        [o.Generic, o.Alertmanager, o.Prometheus, o.PagerDuty, o.Grafana, o.CloudEvents];
}
