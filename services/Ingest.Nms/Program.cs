using Correlation.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCorrelationBus();

var app = builder.Build();
app.MapServiceDefaults();
app.Run();
