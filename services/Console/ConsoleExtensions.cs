using System.Reflection;
using Correlation.Console.Api;
using Correlation.Console.Projection;
using Correlation.ServiceDefaults;
using MassTransit;

namespace Correlation.Console;

public static class ConsoleExtensions
{
    public static IHostApplicationBuilder AddConsole(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ConsoleOptions>()
            .Bind(builder.Configuration.GetSection(ConsoleOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IncidentEventSignal>();
        builder.Services.AddSingleton<IncidentViewStore>();
        builder.Services.AddBusConsumers(bus => bus.AddConsumer<IncidentProjectionConsumer>());
        return builder;
    }

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder endpoints)
    {
        IncidentEndpoints.Map(endpoints);
        var page = ReadPage();
        endpoints.MapGet("/", () => Results.Content(page, "text/html; charset=utf-8")).ExcludeFromDescription();
        return endpoints;
    }

    private static string ReadPage()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("console-index.html")
            ?? throw new InvalidOperationException("The console page is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
