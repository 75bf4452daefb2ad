using Correlation.Ingest.Mail.Imap;
using Correlation.Ingest.Mail.Ingesting;
using Correlation.Ingest.Mail.Mapping;
using Correlation.Ingest.Mail.Rules;
using Correlation.Ingest.Mail.Smtp;
using Correlation.Ingest.Publishing;
using Correlation.Topology;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Mail;

public static class IngestMailExtensions
{
    /// <summary>
    /// The SMTP receiver and, when Mail:Imap:Host is set, the IMAP poller, both publishing alarms with the
    /// broker's confirm. With Topology:CmdbPath set, people's reports are placed at the sites and services
    /// of the CMDB they name.
    /// </summary>
    public static IHostApplicationBuilder AddIngestMail(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<MailOptions>()
            .Bind(builder.Configuration.GetSection(MailOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidator>();
        if (!string.IsNullOrWhiteSpace(builder.Configuration[$"{TopologyOptions.SectionName}:{nameof(TopologyOptions.CmdbPath)}"]))
        {
            builder.AddTopology();
        }

        // Shared with the other ingest services when they run in the same host.
        services.TryAddSingleton<IngestTelemetry>();
        services.TryAddScoped<AlarmPublisher>();

        services.AddSingleton<MailTelemetry>();
        services.AddSingleton<RejectLog>();
        services.AddSingleton(sp => MailRuleSet.Compile(Mail(sp).Rules, Mail(sp).BuiltInRules, out var error)
            ?? throw new InvalidOperationException("Mail:" + error));
        services.AddSingleton(sp => new HumanReportLocator(sp.GetService<TopologyProvider>()));
        services.AddSingleton(sp => new MailAlarmMapper(sp.GetRequiredService<MailRuleSet>(), sp.GetRequiredService<HumanReportLocator>(),
            Mail(sp), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IMailAlarmSink, BusAlarmSink>();
        services.AddSingleton<MailIngestor>();

        services.AddSingleton<SmtpEndpoint>();
        services.AddSingleton<SmtpListener>();
        services.AddHostedService(sp => sp.GetRequiredService<SmtpListener>());
        services.AddSingleton<ImapPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<ImapPoller>());
        return builder;
    }

    /// <summary>Mail has no HTTP endpoints; kept so every ingest service composes the same way.</summary>
    public static IEndpointRouteBuilder MapIngestMail(this IEndpointRouteBuilder endpoints) => endpoints;

    private static MailOptions Mail(IServiceProvider services) => services.GetRequiredService<IOptions<MailOptions>>().Value;
}
