using Correlation.Console;
using Correlation.Correlator;
using Correlation.Ingest.Chat;
using Correlation.Ingest.Feeds;
using Correlation.Ingest.Mail;
using Correlation.Ingest.Nms;
using Correlation.Router;
using Correlation.ServiceDefaults;
using Correlation.Triage;

namespace Correlation.AllInOne;

/// <summary>Every service in one process, on one bus, for `make run` and the end-to-end tests.</summary>
public static class AllInOneApp
{
    /// <param name="args">Command-line arguments, which override configuration.</param>
    /// <param name="configure">Runs after every service is added and before the bus is built.</param>
    public static WebApplication Create(string[] args, Action<IHostApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddServiceDefaults();
        builder.AddIngestFeeds();
        builder.AddIngestNms();
        builder.AddIngestMail();
        builder.AddIngestChat();
        builder.AddCorrelator();
        builder.AddTriage();
        builder.AddRouter();
        builder.AddConsole();
        configure?.Invoke(builder);
        builder.AddCorrelationBus();

        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapIngestFeeds();
        app.MapIngestMail();
        app.MapIngestChat();
        app.MapConsole();
        app.MapCorrelator();
        return app;
    }
}
