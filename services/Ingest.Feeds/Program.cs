using Correlation.Ingest.Feeds;
using Correlation.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIngestFeeds();
builder.AddCorrelationBus();

var app = builder.Build();
app.MapServiceDefaults();
app.MapIngestFeeds();
app.Run();
