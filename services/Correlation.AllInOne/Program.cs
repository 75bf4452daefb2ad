using Correlation.AllInOne;

var app = AllInOneApp.Create(args);
await app.StartAsync();
var url = app.Urls.First().TrimEnd('/');
Console.WriteLine($"""

    Correlation is running: ingest, correlator, triage, router and console in one process.
      Console:  {url}/
      API:      {url}/api/v1/incidents
      Stream:   {url}/api/v1/incidents/stream
    Push an alarm:
      curl -X POST {url}/api/v1/alarms -H 'Content-Type: application/json' \
        -d '{"{"}"resource":"leeds-sw-1","site":"leeds","alarmType":"link_down","severity":"major","summary":"Gi0/1 down"{"}"}'
    Push the sample storm (50 alarms from Leeds, 5 from York): make sample
    Stop with Ctrl+C; `make infra-down` stops RabbitMQ and Redis.

    """);

await app.WaitForShutdownAsync();
