namespace Correlation.Ingest.Mail;

/// <summary>Registers the Mail ingest service (filled in by issue 6).</summary>
public static class IngestMailExtensions
{
    public static WebApplicationBuilder AddIngestMail(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    public static IEndpointRouteBuilder MapIngestMail(this IEndpointRouteBuilder endpoints) => endpoints;
}
