using Microsoft.Extensions.Hosting;

namespace Correlation.Deploy.Tests;

/// <summary>
/// The deployable services, in one place: the name their compose service, Deployment and image carry, the project
/// under services/ that builds them, and the Add... extension their Program.cs calls. <see cref="CatalogTests"/> checks
/// this list against the projects, so a new service cannot be left out of the manifests unnoticed.
/// </summary>
public sealed record DeployedService(string Name, string Project, Action<IHostApplicationBuilder> Add, bool IsIngest)
{
    public System.Reflection.Assembly Assembly => System.Reflection.Assembly.Load(Project);

    public override string ToString() => Name;
}

public static class ServiceCatalog
{
    public static readonly IReadOnlyList<DeployedService> All =
    [
        new("ingest-feeds", "Ingest.Feeds", b => Correlation.Ingest.Feeds.IngestFeedsExtensions.AddIngestFeeds(b), IsIngest: true),
        new("ingest-nms", "Ingest.Nms", b => Correlation.Ingest.Nms.IngestNmsExtensions.AddIngestNms(b), IsIngest: true),
        new("ingest-mail", "Ingest.Mail", b => Correlation.Ingest.Mail.IngestMailExtensions.AddIngestMail(b), IsIngest: true),
        new("ingest-chat", "Ingest.Chat", b => Correlation.Ingest.Chat.IngestChatExtensions.AddIngestChat(b), IsIngest: true),
        new("correlator", "Correlator", b => Correlation.Correlator.CorrelatorExtensions.AddCorrelator(b), IsIngest: false),
        new("triage", "Triage", b => Correlation.Triage.TriageExtensions.AddTriage(b), IsIngest: false),
        new("router", "Router", b => Correlation.Router.RouterExtensions.AddRouter(b), IsIngest: false),
        new("console", "Console", b => Correlation.Console.ConsoleExtensions.AddConsole(b), IsIngest: false),
    ];

    public static DeployedService ByName(string name) =>
        All.SingleOrDefault(s => s.Name == name) ?? throw new KeyNotFoundException($"'{name}' is not a service of the catalog");

    public static DeployedService? ByProject(string project) => All.SingleOrDefault(s => s.Project == project);
}
