using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Reflection;
using Correlation.Console.Api;
using Correlation.Console.Audit;
using Correlation.Console.Maintenance;
using Correlation.Console.Projection;
using Correlation.Console.Reports;
using Correlation.Console.Throughput;
using Correlation.ServiceDefaults;
using Correlation.ServiceDefaults.Access;
using Microsoft.OpenApi;

namespace Correlation.Console;

public static class ConsoleExtensions
{
    public static IHostApplicationBuilder AddConsole(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ConsoleOptions>()
            .Bind(builder.Configuration.GetSection(ConsoleOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ConsoleKeys>();
        services.AddSingleton<IncidentEventSignal>();
        services.AddSingleton<IncidentViewStore>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<MaintenanceLedger>();
        services.AddSingleton<PatternReporter>();
        services.AddSingleton<ThroughputStore>();
        // Every service writes the dead letters (AddCorrelationBus); the console reads them, also on a test bus.
        services.TryAddSingleton<DeadLetterLedger>();
        services.AddSingleton<ConsoleTelemetry>();
        services.AddHostedService<BacklogSampler>();
        services.AddProblemDetails();
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Correlation console API",
                Version = "v1",
                Description = "Incidents, their live stream, operators' actions, reports and maintenance. Bearer tokens carry a role: "
                    + "viewer reads, operator acts on incidents, admin manages maintenance and reads the audit trail.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API token configured under Access:Tokens (by its SHA-256).",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
            return Task.CompletedTask;
        }));
        services.AddBusConsumers(bus => bus.AddConsumer<IncidentProjectionConsumer>());
        return builder;
    }

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        IncidentEndpoints.Map(endpoints);
        ActionEndpoints.Map(endpoints);
        ReportEndpoints.Map(endpoints);
        AdminEndpoints.Map(endpoints);
        endpoints.MapGet("/api/v1/me", async (HttpContext http) =>
                await http.AuthenticateCallerAsync() is { } caller
                    ? Results.Ok(new Caller(caller.CallerName(), caller.CallerRole()!.Value,
                        caller.HasClaim(AccessClaims.Anonymous, "true")))
                    : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                        detail: "This API needs a bearer token (Authorization: Bearer <token>)."))
            .WithTags("Access").WithName("WhoAmI").WithSummary("The caller's name and role, as the token says.")
            .Produces<Caller>().ProducesProblem(StatusCodes.Status401Unauthorized);
        endpoints.MapOpenApi("/openapi/{documentName}.json");
        MapPages(endpoints);
        return endpoints;
    }

    /// <summary>The web console: files embedded from wwwroot, served at / and /console/*.</summary>
    private static void MapPages(IEndpointRouteBuilder endpoints)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("console/", StringComparison.Ordinal))
            .ToDictionary(n => n["console/".Length..], n => Read(assembly, n), StringComparer.Ordinal);
        if (!files.TryGetValue("index.html", out var index))
        {
            throw new InvalidOperationException("The console page is missing from the assembly.");
        }

        endpoints.MapGet("/", (HttpContext http) => Page(http, index, "index.html")).ExcludeFromDescription();
        endpoints.MapGet("/console/{*file}", (string file, HttpContext http) =>
                files.TryGetValue(file, out var content) ? Page(http, content, file) : Results.NotFound())
            .ExcludeFromDescription();
    }

    private static IResult Page(HttpContext http, byte[] content, string name)
    {
        // The page, its script and style change together with the service: always revalidate.
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        if (name.EndsWith(".html", StringComparison.Ordinal))
        {
            http.Response.Headers.ContentSecurityPolicy =
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";
        }

        var type = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".svg" => "image/svg+xml",
            _ => "application/octet-stream",
        };
        return Results.Bytes(content, type);
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Who the caller is, for the web console.</summary>
    public sealed record Caller(string Name, AccessRole Role, bool Anonymous);
}
