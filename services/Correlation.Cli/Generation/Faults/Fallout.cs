using Correlation.Contracts;
using Correlation.Topology;

namespace Correlation.Cli.Generation.Faults;

/// <summary>
/// What users and application monitoring see when devices are lost or degraded: synthetic checks failing
/// on the services that depend on them, and people reporting it by chat or email.
/// </summary>
internal static class Fallout
{
    public static List<Condition> Devices(FaultBuilder fault, IEnumerable<Device> devices, double from, double to, bool repeat)
    {
        var raised = new List<Condition>();
        foreach (var device in devices)
        {
            var condition = fault.OnDevice(device, "device_unreachable", AlarmSeverity.Critical,
                $"{device.Id} is not answering ICMP or SNMP polls", kind: SourceKind.Generic, source: "nms-poller");
            var at = fault.Between(from, to);
            fault.Raise(condition, at);
            if (repeat && fault.Chance(0.3))
            {
                fault.Repeats(condition, at, fault.Random.Next(1, 4), 60, 120);
            }
            raised.Add(condition);
        }
        return raised;
    }

    /// <summary>Application alarms on the impacted services, raised on the devices they run on.</summary>
    public static List<Condition> Services(FaultBuilder fault, IEnumerable<Service> services, double from, double to, bool degraded)
    {
        var raised = new List<Condition>();
        foreach (var service in services)
        {
            if (service.DependsOnDevices.Count == 0 || fault.Topology.FindDevice(service.DependsOnDevices[0]) is not { } host)
            {
                continue;
            }
            var voice = service.Id.StartsWith("voip", StringComparison.Ordinal) || service.Id == "contact-centre";
            var condition = voice
                ? fault.OnDevice(host, "voip_quality_poor", degraded ? AlarmSeverity.Minor : AlarmSeverity.Major,
                    degraded ? $"{service.Name}: MOS below 3.5 on calls" : $"{service.Name}: calls failing to set up",
                    service: service.Id, kind: SourceKind.Prometheus, source: "voice-monitor")
                : fault.OnDevice(host, "http_check_failed", degraded ? AlarmSeverity.Warning : AlarmSeverity.Critical,
                    degraded ? $"{service.Name}: synthetic check slow (p95 above 5 s)" : $"{service.Name}: synthetic check failing",
                    service: service.Id, kind: SourceKind.Alertmanager, source: "alertmanager");
            var at = fault.Between(from, to);
            fault.Raise(condition, at);
            if (fault.Chance(0.4))
            {
                fault.Repeats(condition, at, fault.Random.Next(1, 3), 60, 240);
            }
            raised.Add(condition);
        }
        return raised;
    }

    /// <summary>
    /// People at the affected sites and users of the affected services reporting it, a few minutes later and
    /// in their own words.
    /// </summary>
    public static void Users(FaultBuilder fault, IReadOnlyList<string> sites, IReadOnlyList<Service> services, double from, double to, bool degraded)
    {
        foreach (var site in sites.Take(3))
        {
            if (!fault.Chance(0.6))
            {
                continue;
            }
            var fileShares = fault.Topology.FindService($"file-shares-{site}");
            var text = degraded
                ? fault.Pick<string>([$"network very slow at {site}", $"everything is crawling in the {site} office", $"video calls keep dropping at {site}"])
                : fileShares is not null && fault.Chance(0.5)
                    ? $"network drives down at {site}"
                    : fault.Pick<string>([$"no network at {site}", $"{site} office cannot reach anything", $"phones and PCs offline at {site}"]);
            fault.Raise(fault.UserReport(site, site, null, text, degraded ? AlarmSeverity.Minor : AlarmSeverity.Major), fault.Between(from, to));
        }
        foreach (var service in services.Take(3))
        {
            if (!fault.Chance(0.5))
            {
                continue;
            }
            var text = degraded ? $"{service.Name} is very slow today" : $"cannot use {service.Name}, getting errors";
            fault.Raise(fault.UserReport(service.Id, null, service.Id, text, degraded ? AlarmSeverity.Minor : AlarmSeverity.Major), fault.Between(from, to));
        }
    }

    /// <summary>Clears at the end of the fault for some of its conditions: not every feed sends one.</summary>
    public static void Clears(FaultBuilder fault, IEnumerable<Condition> conditions, double at, double share)
    {
        foreach (var condition in conditions)
        {
            if (fault.Chance(share))
            {
                fault.Clear(condition, at + fault.Between(0, 90));
            }
        }
    }

    public static bool IsRouter(Device device) => device.Role is DeviceRole.Router or DeviceRole.CoreRouter;
}
