using Correlation.Contracts;
using Correlation.Topology;

namespace Correlation.Cli.Generation.Faults;

/// <summary>
/// A site loses mains power and its UPSs run flat: the UPSs report first, then power supplies fail and every
/// device at the site stops answering; the neighbours at other sites see their links and BGP sessions
/// towards it go down, and whatever is reached only through the site is cut off too.
/// </summary>
public static class SitePowerLoss
{
    public const string Shape = "power";

    public static void Generate(FaultBuilder fault, string siteId)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var topology = fault.Topology;
        var devices = topology.DevicesAt(siteId);
        var down = new HashSet<string>(devices.Select(d => d.Id), StringComparer.OrdinalIgnoreCase);
        var impact = topology.AssessFailure(FailureSet.OfDevices(down));
        var raised = new List<Condition>();

        // The UPSs carry the site for a while before the rest goes dark.
        var battery = fault.Between(20, 45);
        foreach (var ups in devices.Where(d => d.Role == DeviceRole.Ups))
        {
            var onBattery = fault.OnDevice(ups, "ups_on_battery", AlarmSeverity.Major, $"{ups.Id}: mains input lost, running on battery");
            fault.Raise(onBattery, fault.Between(0, 4));
            var low = fault.OnDevice(ups, "ups_battery_low", AlarmSeverity.Critical, $"{ups.Id}: battery below 10%, load will drop");
            fault.Raise(low, battery - fault.Between(2, 8));
            raised.Add(onBattery);
            raised.Add(low);
        }
        foreach (var device in devices.Where(d => d.Role != DeviceRole.Ups))
        {
            if (fault.Chance(0.7))
            {
                var psu = fault.OnDevice(device, "power_supply_failure", AlarmSeverity.Critical,
                    $"{device.Id}: PSU 1 input power lost", instance: "PSU1");
                fault.Raise(psu, battery + fault.Between(0, 6));
                raised.Add(psu);
            }
        }
        raised.AddRange(Fallout.Devices(fault, devices, battery + 5, battery + 30, repeat: true));

        // Neighbours outside the site see the far end of their links vanish.
        foreach (var device in devices)
        {
            foreach (var link in topology.LinksOf(device.Id))
            {
                var other = topology.FindDevice(link.OtherEnd(device.Id));
                if (other is null || down.Contains(other.Id) || impact.CutOffDevices.Contains(other))
                {
                    continue;
                }
                var at = battery + fault.Between(1, 15);
                var linkDown = fault.OnDevice(other, "link_down", AlarmSeverity.Major, $"{other.Id}: interface towards {device.Id} ({link.Id}) down",
                    instance: link.Id);
                fault.Raise(linkDown, at);
                raised.Add(linkDown);
                if (Fallout.IsRouter(other) && Fallout.IsRouter(device))
                {
                    var bgp = fault.OnDevice(other, "bgp_session_down", AlarmSeverity.Critical, $"{other.Id}: BGP neighbour {device.Id} down (hold timer expired)",
                        instance: device.Id, kind: SourceKind.Syslog, source: "syslog");
                    fault.Raise(bgp, at + fault.Between(3, 15));
                    raised.Add(bgp);
                }
            }
        }

        raised.AddRange(Fallout.Devices(fault, impact.CutOffDevices, battery + 10, battery + 45, repeat: true));
        Fallout.Services(fault, impact.ImpactedServices, battery + 20, battery + 120, degraded: false);
        var sites = impact.CutOffDevices.Select(d => d.SiteId).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Prepend(siteId).ToList();
        Fallout.Users(fault, sites, impact.ImpactedServices, battery + 120, battery + 600, degraded: false);

        // Power comes back after a while; the devices that recover send their clears.
        Fallout.Clears(fault, raised, battery + fault.Between(600, 2400), 0.5);
    }
}
