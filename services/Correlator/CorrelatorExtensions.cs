using Correlation.Correlator.Consumers;
using Correlation.Correlator.Live;
using Correlation.Correlator.Operations;
using Correlation.Correlator.Rules;
using Correlation.Correlator.Scoring;
using Correlation.ServiceDefaults;
using Correlation.Topology;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Correlation.Correlator;

public static class CorrelatorExtensions
{
    public static IHostApplicationBuilder AddCorrelator(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<CorrelatorOptions>()
            .Bind(builder.Configuration.GetSection(CorrelatorOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<ScoringOptions>()
            .Bind(builder.Configuration.GetSection(ScoringOptions.SectionName))
            .Configure<IOptions<CorrelatorOptions>, IHostEnvironment>((scoring, correlator, environment) =>
            {
                if (correlator.Value.RulesPath is { Length: > 0 } rules)
                {
                    ScoringRules.Load(Path.Combine(environment.ContentRootPath, rules), scoring);
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.AddTopology();
        builder.Services.AddSingleton<CorrelatorTelemetry>();
        builder.Services.AddSingleton<WindowKeys>();
        builder.Services.AddSingleton<LearnedModels>();
        builder.Services.AddSingleton<ActiveRules>();
        builder.Services.AddSingleton<RulesStore>();
        builder.Services.AddSingleton<RulesSync>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RulesSync>());
        builder.Services.AddSingleton<LiveCorrelator>();
        builder.Services.AddSingleton<PendingResolutions>();
        builder.Services.AddSingleton<FeedbackStore>();
        builder.Services.AddSingleton<OperatorActions>();
        builder.Services.AddHostedService<ResolveSweeper>();
        builder.Services.AddBusConsumers(bus =>
        {
            bus.AddConsumer<AlarmsReceivedConsumer, AlarmsReceivedConsumerDefinition>();
            bus.AddConsumer<IncidentStageConsumer>();
            bus.AddConsumer<OperatorCommandsConsumer>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapCorrelator(this IEndpointRouteBuilder app) => app.MapExplanations().MapFeedback().MapRules();
}
