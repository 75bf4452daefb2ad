namespace Correlation.Ingest.Feeds.Tests.Grafana;

/// <summary>
/// Grafana alerting's webhook contact point notification (version "1"), written from Grafana's webhook
/// notifier documentation: one alert firing with its values and links, one resolved.
/// </summary>
internal static class GrafanaPayloads
{
    public const string Notification = """
        {
          "receiver": "correlation-webhook",
          "status": "firing",
          "orgId": 1,
          "alerts": [
            {
              "status": "firing",
              "labels": { "alertname": "High memory usage", "grafana_folder": "Infra", "host": "york-db-1",
                          "severity": "warning", "site": "york" },
              "annotations": { "summary": "Memory above 95% on york-db-1", "runbook_url": "https://runbooks.example/memory" },
              "startsAt": "2026-11-23T10:30:03.157076+01:00",
              "endsAt": "0001-01-01T00:00:00Z",
              "generatorURL": "https://grafana.noc.example/alerting/grafana/d1rdpdv7k/view",
              "fingerprint": "c6eadffa33fcdf37",
              "silenceURL": "https://grafana.noc.example/alerting/silence/new?matcher=alertname%3DHigh+memory+usage",
              "dashboardURL": "https://grafana.noc.example/d/db-overview",
              "panelURL": "https://grafana.noc.example/d/db-overview?viewPanel=4",
              "imageURL": "https://grafana.noc.example/public/img/attachments/mem.png",
              "values": { "B": 96.3, "C": 1 },
              "valueString": "[ var='B' labels={host=york-db-1} value=96.3 ], [ var='C' labels={host=york-db-1} value=1 ]"
            },
            {
              "status": "resolved",
              "labels": { "alertname": "Disk latency", "grafana_folder": "Infra", "host": "york-db-2", "severity": "critical" },
              "annotations": { "description": "p99 write latency back under 20 ms" },
              "startsAt": "2026-11-23T09:50:00Z",
              "endsAt": "2026-11-23T10:35:00Z",
              "generatorURL": "https://grafana.noc.example/alerting/grafana/a8kd2ls0f/view",
              "fingerprint": "bc97ff14869b13e3",
              "silenceURL": "", "dashboardURL": "", "panelURL": "",
              "values": { "A": 12.5 }
            }
          ],
          "groupLabels": { "grafana_folder": "Infra" },
          "commonLabels": { "grafana_folder": "Infra" },
          "commonAnnotations": {},
          "externalURL": "https://grafana.noc.example/",
          "version": "1",
          "groupKey": "{}/{grafana_folder=\"Infra\"}:{grafana_folder=\"Infra\"}",
          "truncatedAlerts": 0,
          "title": "[FIRING:1, RESOLVED:1] Infra",
          "state": "alerting",
          "message": "**Firing**\n\nValue: B=96.3, C=1\nLabels:\n - alertname = High memory usage\n"
        }
        """;
}
