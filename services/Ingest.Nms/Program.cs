using Correlation.Ingest.Nms;
using Correlation.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIngestNms();
builder.AddCorrelationBus();

var app = builder.Build();
app.MapServiceDefaults();
app.Run();
