using Correlation.Contracts;
using Correlation.Topology;

namespace Correlation.Cli.Generation.Faults;

/// <summary>
/// A switch degrades without failing: CPU pegged, interface errors and packet loss, re-sent by the pollers
/// for minutes; the services behind it get slow and users complain.
/// </summary>
public static class SwitchDegradation
{
    public const string Shape = "degradation";

    public static void Generate(FaultBuilder fault, Device device)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentNullException.ThrowIfNull(device);
        var topology = fault.Topology;
        var lasts = fault.Between(300, 1500);
        var raised = new List<Condition>();

        var cpu = fault.OnDevice(device, "high_cpu", AlarmSeverity.Minor, $"{device.Id}: CPU above 90% for 5 minutes",
            kind: SourceKind.Prometheus, source: "prometheus");
        var start = fault.Between(0, 20);
        fault.Raise(cpu, start);
        fault.Repeats(cpu, start, (int)(lasts / 240), 180, 300);
        raised.Add(cpu);

        var port = $"Gi1/0/{fault.Random.Next(1, 49)}";
        var errors = fault.OnDevice(device, "interface_errors", AlarmSeverity.Minor, $"{device.Id}: CRC and input errors rising on {port}", instance: port);
        var errorsAt = start + fault.Between(30, 180);
        fault.Raise(errors, errorsAt);
        fault.Repeats(errors, errorsAt, (int)(lasts / 300), 200, 400);
        raised.Add(errors);

        var loss = fault.OnDevice(device, "packet_loss", fault.Chance(0.3) ? AlarmSeverity.Major : AlarmSeverity.Minor,
            $"{device.Id}: {fault.Random.Next(3, 25)}% packet loss to the gateway", kind: SourceKind.Generic, source: "nms-poller");
        var lossAt = start + fault.Between(60, 300);
        if (fault.Chance(0.3))
        {
            lossAt = fault.Flap(loss, lossAt);
        }
        else
        {
            fault.Raise(loss, lossAt);
        }
        raised.Add(loss);

        // What would be lost if the switch failed is what suffers while it degrades.
        var behind = topology.AssessFailure(FailureSet.OfDevices(device.Id));
        raised.AddRange(Fallout.Services(fault, behind.ImpactedServices, lossAt + 30, lossAt + 600, degraded: true));
        IReadOnlyList<string> sites = device.SiteId is null ? [] : [device.SiteId];
        Fallout.Users(fault, sites, behind.ImpactedServices, lossAt + 120, lossAt + 900, degraded: true);

        Fallout.Clears(fault, raised, start + lasts, 0.7);
    }

    public static bool IsCandidate(Device device) =>
        device.Role is DeviceRole.AccessSwitch or DeviceRole.DistributionSwitch;
}
