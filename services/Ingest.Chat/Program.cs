using Correlation.Ingest.Chat;
using Correlation.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIngestChat();
builder.AddCorrelationBus();

var app = builder.Build();
app.MapServiceDefaults();
app.MapIngestChat();
app.Run();
