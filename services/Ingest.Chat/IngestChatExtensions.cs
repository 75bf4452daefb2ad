namespace Correlation.Ingest.Chat;

/// <summary>Registers the Chat ingest service (filled in by issue 6).</summary>
public static class IngestChatExtensions
{
    public static WebApplicationBuilder AddIngestChat(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    public static IEndpointRouteBuilder MapIngestChat(this IEndpointRouteBuilder endpoints) => endpoints;
}
