using Correlation.Ingest.Admission;
using Correlation.Ingest.Nms.Listening;
using Correlation.Ingest.Nms.Publishing;
using Correlation.Ingest.Nms.Syslog;
using Correlation.Ingest.Nms.Traps;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Nms;

public static class IngestNmsExtensions
{
    /// <summary>The SNMP trap and syslog receivers: UDP/TCP listeners that publish alarms to the bus.</summary>
    public static IHostApplicationBuilder AddIngestNms(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<NmsOptions>()
            .Bind(builder.Configuration.GetSection(NmsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<NmsOptions>, NmsOptionsValidator>();

        services.TryAddSingleton<IngestTelemetry>();
        services.AddSingleton<NmsTelemetry>();
        services.AddSingleton<NmsListeners>();
        services.AddSingleton(sp => new RejectLog(Nms(sp).RejectLogInterval, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<RejectLog>>()));
        services.AddSingleton<AlarmBatcher>();

        services.AddSingleton(sp => new OidNames(Nms(sp).Snmp.Names));
        services.AddSingleton(sp => TrapRuleSet.Compile(Nms(sp).Snmp.Rules, Nms(sp).Snmp.BuiltInRules, out var error)
            ?? throw new InvalidOperationException("Nms:Snmp:" + error));
        services.AddSingleton(sp => CommunityPolicy.Create(Nms(sp).Snmp.Sources, out var error)
            ?? throw new InvalidOperationException("Nms:Snmp:" + error));
        services.AddSingleton<TrapAlarmMapper>();
        services.AddSingleton<TrapHandler>();

        services.AddSingleton(sp => new SyslogAlarmMapper(
            SyslogAlarmMapper.CompileRules(Nms(sp).Syslog.Rules, Nms(sp).Syslog.BuiltInRules, out var error)
                ?? throw new InvalidOperationException("Nms:Syslog:" + error),
            Nms(sp).Syslog.UnmatchedMinimumSeverity,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SyslogHandler(sp.GetRequiredService<SyslogAlarmMapper>(),
            SenderNetworks.Parse(Nms(sp).Syslog.AllowedNetworks, out var error) ?? throw new InvalidOperationException("Nms:Syslog:AllowedNetworks:" + error),
            sp.GetRequiredService<TimeProvider>()));

        services.AddHostedService<NmsReceiver>();
        return builder;
    }

    private static NmsOptions Nms(IServiceProvider services) => services.GetRequiredService<IOptions<NmsOptions>>().Value;
}
