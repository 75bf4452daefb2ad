namespace Correlation.Ingest.Feeds.Tests.Alertmanager;

/// <summary>
/// Notifications as Alertmanager's webhook_config sends them (payload version 4): a group of two interface
/// alerts firing, then the first of them resolved. Written from Alertmanager's webhook documentation.
/// </summary>
internal static class AlertmanagerPayloads
{
    public const string Firing = """
        {
          "version": "4",
          "groupKey": "{}/{severity=\"critical\"}:{alertname=\"InterfaceDown\"}",
          "truncatedAlerts": 0,
          "status": "firing",
          "receiver": "correlation",
          "groupLabels": { "alertname": "InterfaceDown" },
          "commonLabels": { "alertname": "InterfaceDown", "job": "snmp", "severity": "critical", "site": "leeds" },
          "commonAnnotations": { "runbook_url": "https://runbooks.example/interface-down" },
          "externalURL": "http://alertmanager.noc.example:9093",
          "alerts": [
            {
              "status": "firing",
              "labels": { "alertname": "InterfaceDown", "instance": "leeds-sw-1:9116", "ifName": "Gi0/1", "job": "snmp",
                          "severity": "critical", "site": "leeds", "service": "file-shares" },
              "annotations": { "summary": "Gi0/1 on leeds-sw-1 is down", "description": "ifOperStatus has been 2 for 2 minutes",
                               "runbook_url": "https://runbooks.example/interface-down" },
              "startsAt": "2026-11-23T10:14:03.123456789Z",
              "endsAt": "0001-01-01T00:00:00Z",
              "generatorURL": "http://prometheus.noc.example:9090/graph?g0.expr=ifOperStatus+%3D%3D+2&g0.tab=1",
              "fingerprint": "5e1c0b6f2a9d4c11"
            },
            {
              "status": "firing",
              "labels": { "alertname": "InterfaceDown", "instance": "leeds-sw-2:9116", "ifName": "Gi0/7", "job": "snmp",
                          "severity": "critical", "site": "leeds" },
              "annotations": { "description": "ifOperStatus has been 2 for 2 minutes",
                               "runbook_url": "https://runbooks.example/interface-down" },
              "startsAt": "2026-11-23T10:14:33Z",
              "endsAt": "0001-01-01T00:00:00Z",
              "generatorURL": "http://prometheus.noc.example:9090/graph?g0.expr=ifOperStatus+%3D%3D+2&g0.tab=1",
              "fingerprint": "a04d5f31c2e9b870"
            }
          ]
        }
        """;

    public const string Resolved = """
        {
          "version": "4",
          "groupKey": "{}/{severity=\"critical\"}:{alertname=\"InterfaceDown\"}",
          "truncatedAlerts": 0,
          "status": "resolved",
          "receiver": "correlation",
          "groupLabels": { "alertname": "InterfaceDown" },
          "commonLabels": { "alertname": "InterfaceDown", "instance": "leeds-sw-1:9116", "ifName": "Gi0/1", "job": "snmp",
                            "severity": "critical", "site": "leeds", "service": "file-shares" },
          "commonAnnotations": { "summary": "Gi0/1 on leeds-sw-1 is down" },
          "externalURL": "http://alertmanager.noc.example:9093",
          "alerts": [
            {
              "status": "resolved",
              "labels": { "alertname": "InterfaceDown", "instance": "leeds-sw-1:9116", "ifName": "Gi0/1", "job": "snmp",
                          "severity": "critical", "site": "leeds", "service": "file-shares" },
              "annotations": { "summary": "Gi0/1 on leeds-sw-1 is down", "description": "ifOperStatus has been 2 for 2 minutes",
                               "runbook_url": "https://runbooks.example/interface-down" },
              "startsAt": "2026-11-23T10:14:03.123456789Z",
              "endsAt": "2026-11-23T10:31:40.5Z",
              "generatorURL": "http://prometheus.noc.example:9090/graph?g0.expr=ifOperStatus+%3D%3D+2&g0.tab=1",
              "fingerprint": "5e1c0b6f2a9d4c11"
            }
          ]
        }
        """;
}
