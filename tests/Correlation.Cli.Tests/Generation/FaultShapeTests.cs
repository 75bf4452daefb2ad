using Correlation.Cli.Generation;
using Correlation.Cli.Generation.Faults;
using Correlation.Cli.Storms;
using Correlation.Ingest.Replay;
using Correlation.Contracts;
using Correlation.Topology;

namespace Correlation.Cli.Tests.Generation;

public class FaultShapeTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private static NetworkTopology Network { get; } = NetworkGenerator.Generate(seed: 21, sites: 60);

    private static FaultBuilder NewFault(int seed, string shape = "test") =>
        StormGenerator.NewFault(Network, new Random(seed), shape, $"{shape}-{seed}", Start);

    private static IEnumerable<int> Seeds => Enumerable.Range(1, 15);

    private static Device? DeviceOf(StormAlarm alarm) => Network.Resolve(alarm.Alarm.Resource);

    [TestCaseSource(nameof(Seeds))]
    public void Power_loss_puts_every_device_of_the_site_in_one_group_with_the_ups_first(int seed)
    {
        var branches = Network.Sites.Where(s => !Network.DevicesAt(s.Id).Any(d => d.Role == DeviceRole.CoreRouter)).ToList();
        var site = branches[seed % branches.Count];
        var fault = NewFault(seed, "power");

        SitePowerLoss.Generate(fault, site.Id);

        var alarms = fault.Alarms.OrderBy(a => a.Alarm.ObservedAt).ToList();
        var unreachable = alarms.Where(a => a.Alarm.AlarmType == "device_unreachable").Select(a => DeviceOf(a)!.Id).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(alarms.Select(a => a.Group).Distinct(), Is.EqualTo(new[] { $"power-{seed}" }));
            Assert.That(Network.DevicesAt(site.Id).Select(d => d.Id), Is.SubsetOf(unreachable));
            Assert.That(alarms[0].Alarm.AlarmType, Is.EqualTo("ups_on_battery"));
            Assert.That(alarms.Where(a => a.Alarm.AlarmType == "link_down").Select(a => DeviceOf(a)!.SiteId),
                Has.None.EqualTo(site.Id), "link alarms come from the neighbours outside the dark site");
            Assert.That(alarms.Where(a => a.Alarm.AlarmType == "link_down"), Is.Not.Empty);
            var raises = alarms.Where(a => a.Alarm.Status == AlarmStatus.Raised && a.Alarm.AlarmType is not "user_report").ToList();
            var firstWave = raises.Where(a => a.Alarm.ObservedAt <= Start.AddSeconds(90)).Count();
            Assert.That(firstWave, Is.GreaterThan(raises.Count / 2), "the storm comes within about a minute");
        });
    }

    [TestCaseSource(nameof(Seeds))]
    public void A_cut_link_whose_redundancy_twin_is_up_raises_only_its_link_alarms(int seed)
    {
        var redundant = Network.Links.Where(l => l.RedundancyGroup is not null).ToList();
        var link = redundant[seed * 7 % redundant.Count];
        var fault = NewFault(seed, "link");

        LinkCut.Generate(fault, link);

        // A change just before the cut may be part of the incident; nothing beyond the link's two ends is.
        var linkAlarms = fault.Alarms.Where(a => a.Alarm.AlarmType != "config_change").ToList();
        Assert.That(linkAlarms.Select(a => a.Alarm.AlarmType), Has.All.EqualTo("link_down"));
        Assert.That(fault.Alarms.Select(a => DeviceOf(a)!.Id).Distinct(), Is.SubsetOf(new[] { link.A, link.B }));
        Assert.That(linkAlarms.Select(a => a.Alarm.Labels["instance"]), Has.All.EqualTo(link.Id));
    }

    [TestCaseSource(nameof(Seeds))]
    public void A_cut_link_with_no_backup_makes_unreachable_exactly_the_devices_that_lost_their_path(int seed)
    {
        var single = Network.Links.Where(l => l.RedundancyGroup is null && l.Kind != LinkKind.Ethernet).ToList();
        var link = single[seed * 5 % single.Count];
        var cutOff = Network.AssessFailure(FailureSet.OfLinks(link.Id)).CutOffDevices.Select(d => d.Id).ToHashSet();
        var fault = NewFault(seed, "link");

        LinkCut.Generate(fault, link);

        var unreachable = fault.Alarms.Where(a => a.Alarm.AlarmType == "device_unreachable").Select(a => DeviceOf(a)!.Id).ToHashSet();
        Assert.That(cutOff, Is.Not.Empty);
        Assert.That(unreachable, Is.EquivalentTo(cutOff));
        foreach (var device in unreachable)
        {
            Assert.That(Network.AreConnected(device, Network.Devices.First(d => d.Role == DeviceRole.CoreRouter).Id, FailureSet.OfLinks(link.Id)),
                Is.False, device);
        }
    }

    [TestCaseSource(nameof(Seeds))]
    public void Application_alarms_come_only_from_services_that_depend_on_what_was_lost(int seed)
    {
        var single = Network.Links.Where(l => l.RedundancyGroup is null).ToList();
        var link = single[seed * 11 % single.Count];
        var impacted = Network.AssessFailure(FailureSet.OfLinks(link.Id)).ImpactedServices.Select(s => s.Id).ToList();
        var fault = NewFault(seed, "link");

        LinkCut.Generate(fault, link);

        var services = fault.Alarms.Where(a => a.Alarm.Service is not null).Select(a => a.Alarm.Service).Distinct();
        Assert.That(services, Is.SubsetOf(impacted));
    }

    [TestCaseSource(nameof(Seeds))]
    public void Switch_degradation_raises_performance_alarms_on_the_switch_spread_over_minutes(int seed)
    {
        var switches = Network.Devices.Where(SwitchDegradation.IsCandidate).ToList();
        var device = switches[seed * 3 % switches.Count];
        var fault = NewFault(seed, "degradation");

        SwitchDegradation.Generate(fault, device);

        var own = fault.Alarms.Where(a => DeviceOf(a)?.Id == device.Id).Select(a => a.Alarm.AlarmType).Distinct();
        Assert.That(own, Is.SupersetOf(new[] { "high_cpu", "interface_errors", "packet_loss" }));
        var times = fault.Alarms.Select(a => a.Alarm.ObservedAt).ToList();
        Assert.That(times.Max() - times.Min(), Is.GreaterThan(TimeSpan.FromMinutes(3)));
        var behind = Network.AssessFailure(FailureSet.OfDevices(device.Id)).ImpactedServices.Select(s => s.Id);
        Assert.That(fault.Alarms.Where(a => a.Alarm.Service is not null).Select(a => a.Alarm.Service).Distinct(), Is.SubsetOf(behind));
    }

    [TestCaseSource(nameof(Seeds))]
    public void A_microwave_hop_fades_before_it_drops_and_cuts_off_the_site_behind_it(int seed)
    {
        var hops = Network.Links.Where(l => l.Kind == LinkKind.Microwave).ToList();
        var link = hops[seed % hops.Count];
        var fault = NewFault(seed, "link");

        LinkCut.Generate(fault, link);

        var down = fault.Alarms.Where(a => a.Alarm.AlarmType == "link_down").Min(a => a.Alarm.ObservedAt);
        Assert.That(fault.Alarms.Where(a => a.Alarm.AlarmType == "rsl_low" && a.Alarm.Status == AlarmStatus.Raised).Select(a => a.Alarm.ObservedAt), Has.All.LessThan(down));
        Assert.That(fault.Alarms.Where(a => a.Alarm.AlarmType == "device_unreachable"), Is.Not.Empty);
    }

    [Test]
    public void A_noise_alarm_is_one_alarm_on_its_device()
    {
        var device = Network.Devices.First(d => d.Role == DeviceRole.Server);
        var fault = NewFault(1, "noise");

        Noise.Generate(fault, device);

        Assert.That(fault.Alarms, Has.Count.EqualTo(1));
        Assert.That(DeviceOf(fault.Alarms[0])!.Id, Is.EqualTo(device.Id));
    }
}
