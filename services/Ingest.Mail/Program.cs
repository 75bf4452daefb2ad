using Correlation.Ingest.Mail;
using Correlation.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIngestMail();
builder.AddCorrelationBus();

var app = builder.Build();
app.MapServiceDefaults();
app.MapIngestMail();
app.Run();
