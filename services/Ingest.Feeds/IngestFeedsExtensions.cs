using Correlation.Ingest.Feeds.Generic;
using Correlation.Ingest.Generic;
using Correlation.Ingest.Feeds.Publishing;

namespace Correlation.Ingest.Feeds;

public static class IngestFeedsExtensions
{
    public static IHostApplicationBuilder AddIngestFeeds(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<IngestFeedsOptions>()
            .Bind(builder.Configuration.GetSection(IngestFeedsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IngestTelemetry>();
        builder.Services.AddSingleton<GenericAlarmParser>();
        builder.Services.AddScoped<AlarmPublisher>();
        return builder;
    }

    public static IEndpointRouteBuilder MapIngestFeeds(this IEndpointRouteBuilder endpoints)
    {
        GenericAlarmEndpoints.Map(endpoints);
        return endpoints;
    }
}
