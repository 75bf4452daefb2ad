using Correlation.Triage;
using Correlation.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTriage();
builder.AddCorrelationBus();

var app = builder.Build();
app.MapServiceDefaults();
app.Run();
