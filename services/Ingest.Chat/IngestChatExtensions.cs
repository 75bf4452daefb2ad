using Correlation.Ingest.Admission;
using Correlation.Ingest.Chat.Mattermost;
using Correlation.Ingest.Chat.Pipeline;
using Correlation.Ingest.Chat.Reports;
using Correlation.Ingest.Chat.Slack;
using Correlation.Ingest.Chat.Teams;
using Correlation.Ingest.Publishing;
using Correlation.Topology;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Chat;

/// <summary>
/// Chat ingest: problems people report in Slack (Events API and a slash command), Microsoft Teams and
/// Mattermost (outgoing webhooks) become "user_report" alarms, placed at the site or service the CMDB
/// recognises in them, published with the broker's confirm before the platform is answered.
/// </summary>
public static class IngestChatExtensions
{
    /// <summary>The key of the chat endpoints' <see cref="IngestAdmission"/> among the host's services.</summary>
    public const string AdmissionKey = "ingest-chat";

    public static IHostApplicationBuilder AddIngestChat(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddTopology();
        var services = builder.Services;
        services.AddOptions<ChatOptions>()
            .Bind(builder.Configuration.GetSection(ChatOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => Enum.IsDefined(o.DefaultSeverity), "Chat:DefaultSeverity must be Critical, Major, Minor, Warning or Info.")
            .Validate(o => o.ConsoleUrl is null || (o.ConsoleUrl.IsAbsoluteUri && o.ConsoleUrl.Scheme is "http" or "https"),
                "Chat:ConsoleUrl must be an absolute http:// or https:// URL.")
            .Validate(o => o.Slack.SigningSecret is null || o.Slack.SigningSecret.Length is 0 or >= 16,
                "Chat:Slack:SigningSecret must be the Slack app's signing secret (at least 16 characters).")
            .Validate(o => o.Slack.MaxSignatureAge >= TimeSpan.FromSeconds(10) && o.Slack.MaxSignatureAge <= TimeSpan.FromHours(1),
                "Chat:Slack:MaxSignatureAge must be between 00:00:10 and 01:00:00.")
            .Validate(o => o.Slack.Command is ['/', _, ..] && !o.Slack.Command.Any(char.IsWhiteSpace),
                "Chat:Slack:Command must be a slash command such as /noc.")
            .Validate(o => o.Teams.Secrets.All(TeamsSignature.IsValidSecret),
                "Chat:Teams:Secrets: every entry must be an outgoing webhook's security token, as Teams shows it (base64).")
            .Validate(o => o.Mattermost.Tokens.All(t => t.Length >= 16),
                "Chat:Mattermost:Tokens: every token must be at least 16 characters long (Mattermost's are 26).")
            .ValidateOnStart();

        services.TryAddSingleton<IngestTelemetry>();
        services.TryAddScoped<AlarmPublisher>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ChatOptions>>().Value);
        services.AddSingleton<PlaceFinder>();
        services.AddSingleton<ReportSeverity>();
        services.AddSingleton<ChatAlarms>();
        services.AddSingleton<RecentReports>();
        services.AddSingleton<ReportPublisher>();
        services.AddSingleton<ChatPipeline>();
        services.AddSingleton<IChatPlatform, SlackEvents>();
        services.AddSingleton<IChatPlatform, SlackCommands>();
        services.AddSingleton<IChatPlatform, TeamsWebhook>();
        services.AddSingleton<IChatPlatform, MattermostWebhook>();
        services.AddKeyedSingleton(AdmissionKey, (sp, _) =>
        {
            var options = sp.GetRequiredService<ChatOptions>();
            return new IngestAdmission("chat", options.MaxConcurrentRequests, options.RetryAfter, sp.GetRequiredService<IngestTelemetry>());
        });
        return builder;
    }

    /// <summary>One POST endpoint per platform, all through the same <see cref="ChatPipeline"/>.</summary>
    public static IEndpointRouteBuilder MapIngestChat(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var options = services.GetRequiredService<ChatOptions>();
        var time = services.GetRequiredService<TimeProvider>();
        var admission = services.GetRequiredKeyedService<IngestAdmission>(AdmissionKey);
        foreach (var platform in services.GetServices<IChatPlatform>())
        {
            var perSender = IngestAdmission.PerSender(options.RequestsPerSecondPerSender, options.BurstPerSender, options.MaxTrackedSenders, time);
            endpoints.MapPost(platform.Route, (HttpContext http, ChatPipeline pipeline, AlarmPublisher publisher) => pipeline.HandleAsync(http, platform, publisher))
                .WithName("Chat" + platform.Route["/api/v1/chat".Length..].Replace('/', '-'))
                .AddEndpointFilter(admission.For(platform.Source, perSender))
                .DisableAntiforgery();
        }

        return endpoints;
    }
}
