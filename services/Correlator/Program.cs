using Correlation.Correlator;
using Correlation.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCorrelator();
builder.AddCorrelationBus();

var app = builder.Build();
app.MapServiceDefaults();
app.MapCorrelator();
app.Run();
