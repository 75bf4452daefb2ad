using Correlation.Router;
using Correlation.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRouter();
builder.AddCorrelationBus();

var app = builder.Build();
app.MapServiceDefaults();
app.Run();
