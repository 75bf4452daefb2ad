using Correlation.Console;
using Correlation.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddConsole();
builder.AddCorrelationBus();

var app = builder.Build();
app.MapServiceDefaults();
app.MapConsole();
app.Run();
