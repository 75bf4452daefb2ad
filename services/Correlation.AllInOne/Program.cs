using Correlation.AllInOne;

var app = AllInOneApp.Create(args);
await app.StartAsync();
foreach (var url in app.Urls)
{
    Console.WriteLine($"Correlation is running. Console: {url}/   API: {url}/api/v1/incidents   Stream: {url}/api/v1/incidents/stream");
}

await app.WaitForShutdownAsync();
