using Correlation.Cli.Generation;
using Correlation.Cli.Storms;
using Correlation.Ingest.Replay;
using Correlation.Contracts;

namespace Correlation.Cli.Tests.Generation;

public class StormGeneratorTests
{
    private static byte[] Bytes(GeneratedStorm storm)
    {
        using var stream = new MemoryStream();
        StormWriter.Write(stream, storm.Alarms);
        return stream.ToArray();
    }

    [Test]
    public void The_same_seed_and_options_give_byte_identical_storms()
    {
        var options = new GenerationOptions { Seed = 7, Alarms = 3_000, Sites = 30 };

        var first = Bytes(StormGenerator.Generate(options));
        var second = Bytes(StormGenerator.Generate(options));

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Different_seeds_give_different_storms()
    {
        var a = Bytes(StormGenerator.Generate(new GenerationOptions { Seed = 1, Alarms = 1_000 }));
        var b = Bytes(StormGenerator.Generate(new GenerationOptions { Seed = 2, Alarms = 1_000 }));

        Assert.That(b, Is.Not.EqualTo(a));
    }

    [TestCase(100, 5, StormShape.Mixed)]
    [TestCase(1_000, 30, StormShape.Power)]
    [TestCase(20_000, 100, StormShape.Mixed)]
    [TestCase(2_000, 20, StormShape.Noise)]
    public void The_storm_has_the_number_of_alarms_asked_for(int alarms, int sites, StormShape shape)
    {
        var storm = StormGenerator.Generate(new GenerationOptions { Seed = 5, Alarms = alarms, Sites = sites, Shape = shape });

        Assert.That(storm.Alarms, Has.Count.EqualTo(alarms));
        Assert.That(storm.Faults.Sum(f => f.Alarms), Is.EqualTo(alarms));
    }

    [Test]
    public void Faults_start_within_the_duration_and_alarms_come_in_time_order()
    {
        var options = new GenerationOptions { Seed = 8, Alarms = 2_000, Duration = TimeSpan.FromMinutes(20) };

        var storm = StormGenerator.Generate(options);

        var firstOfEachGroup = storm.Alarms.GroupBy(a => a.Group).Select(g => g.Min(a => a.Alarm.ObservedAt)).ToList();
        Assert.That(firstOfEachGroup, Has.All.InRange(options.Start, options.Start + options.Duration!.Value + TimeSpan.FromMinutes(4)));
        Assert.That(storm.Alarms.Select(a => a.Alarm.ObservedAt), Is.Ordered);
    }

    [Test]
    public void A_generated_storm_written_to_a_file_reads_back_without_problems_and_with_its_truth()
    {
        var storm = GeneratedStorms.Mixed;
        using var stream = new MemoryStream(Bytes(storm));

        var read = StormReader.Read(new StreamReader(stream), "generated.jsonl");

        Assert.That(read.IsValid, Is.True, () => string.Join("\n", read.Errors.Take(10)));
        Assert.That(read.Value!.HasTruth, Is.True);
        Assert.That(read.Value.Alarms, Has.Count.EqualTo(storm.Alarms.Count));
        Assert.That(read.Value.Alarms.Select(a => a.Group), Is.EqualTo(storm.Alarms.Select(a => a.Group)));
        Assert.That(read.Value.Alarms.Select(a => a.Alarm.Fingerprint), Is.EqualTo(storm.Alarms.Select(a => a.Alarm.Fingerprint)),
            "the fingerprints written are the ones the ingest rule computes");
    }

    [Test]
    public void Every_device_resource_resolves_in_the_generated_cmdb_and_user_reports_name_a_real_site_or_service()
    {
        var storm = GeneratedStorms.Mixed;
        var network = storm.Network;

        var unresolved = storm.Alarms
            .Where(a => a.Alarm.AlarmType != "user_report" && network.Resolve(a.Alarm.Resource) is null)
            .Select(a => a.Alarm.Resource).Distinct().ToList();
        var reports = storm.Alarms.Where(a => a.Alarm.AlarmType == "user_report").ToList();
        var unknownReports = reports
            .Where(a => network.FindSite(a.Alarm.Resource) is null && network.FindService(a.Alarm.Resource) is null)
            .Select(a => a.Alarm.Resource).ToList();

        Assert.That(unresolved, Is.Empty);
        Assert.That(reports, Is.Not.Empty);
        Assert.That(unknownReports, Is.Empty);
        Assert.That(reports.Select(a => a.Alarm.SourceKind), Has.All.AnyOf(SourceKind.Chat, SourceKind.Email));
    }

    [Test]
    public void Some_alarms_name_their_device_by_an_alias_or_fqdn_rather_than_its_id()
    {
        var storm = GeneratedStorms.Mixed;

        var byOtherName = storm.Alarms.Count(a => a.Alarm.AlarmType != "user_report"
            && storm.Network.FindDevice(a.Alarm.Resource) is null);

        Assert.That(byOtherName, Is.GreaterThan(storm.Alarms.Count / 20));
        Assert.That(storm.Alarms.Count(a => a.Alarm.Site is null), Is.GreaterThan(storm.Alarms.Count / 10),
            "many device alarms come without a site, so the site must be found from the CMDB");
    }

    [Test]
    public void A_mixed_storm_holds_every_shape_with_repeats_flaps_and_clears()
    {
        var storm = GeneratedStorms.Mixed;

        Assert.That(storm.Faults.Select(f => f.Shape).Distinct(), Is.EquivalentTo(new[] { "power", "link", "degradation", "unrelated", "noise" }));
        var byCondition = storm.Alarms.GroupBy(a => (a.Group, a.Alarm.Fingerprint)).ToList();
        Assert.That(byCondition.Where(c => c.Count(a => a.Alarm.Status == AlarmStatus.Raised) > 1), Is.Not.Empty, "repeats");
        Assert.That(byCondition.Where(c => c.Select(a => a.Alarm.Status).SequenceEqual([AlarmStatus.Raised, AlarmStatus.Cleared, AlarmStatus.Raised])), Is.Not.Empty, "flaps");
        Assert.That(storm.Alarms.Where(a => a.Alarm.Status == AlarmStatus.Cleared), Is.Not.Empty, "clears");
        Assert.That(storm.Alarms.Select(a => a.Alarm.Fingerprint).Distinct().Count(), Is.LessThan(storm.Alarms.Count));
    }

    [Test]
    public void Every_fault_has_a_group_of_its_own_and_every_alarm_is_in_one_of_them()
    {
        var storm = GeneratedStorms.Mixed;

        var faults = storm.Faults.Select(f => f.Group).ToList();

        Assert.That(faults, Is.Unique, "every fault has a group of its own");
        Assert.That(storm.Alarms.Select(a => a.Group).Distinct(), Is.EquivalentTo(faults));
    }

    [Test]
    public void In_a_storm_with_room_for_it_no_condition_or_unreachable_device_is_in_two_faults_at_the_same_time()
    {
        var storm = StormGenerator.Generate(new GenerationOptions { Seed = 12, Alarms = 2_000, Sites = 60, Duration = TimeSpan.FromHours(6) });
        var network = storm.Network;

        var faults = storm.Alarms.GroupBy(a => a.Group).Select(g =>
        {
            var onDevices = g.Select(a => (Device: network.Resolve(a.Alarm.Resource)?.Id, a.Alarm)).Where(x => x.Device is not null).ToList();
            return (
                Group: g.Key,
                From: g.Min(a => a.Alarm.ObservedAt),
                To: g.Max(a => a.Alarm.ObservedAt),
                Conditions: onDevices.Select(x => $"{x.Device}|{x.Alarm.AlarmType}|{x.Alarm.Labels.GetValueOrDefault("instance")}").ToHashSet(),
                Devices: onDevices.Select(x => x.Device!).ToHashSet(),
                Down: onDevices.Where(x => x.Alarm.AlarmType == "device_unreachable").Select(x => x.Device!).ToHashSet());
        }).ToList();
        var clashes = (from a in faults
                       from b in faults
                       where a.Group != b.Group && a.From <= b.To && b.From <= a.To
                           && (a.Conditions.Overlaps(b.Conditions) || a.Down.Overlaps(b.Devices))
                       select $"{a.Group} and {b.Group}").ToList();

        Assert.That(clashes, Is.Empty);
    }

    [Test]
    public void Noise_alarms_are_each_a_group_of_their_own()
    {
        var storm = GeneratedStorms.Of(StormShape.Noise, alarms: 300);

        Assert.That(storm.Alarms.Select(a => a.Group), Is.Unique);
        Assert.That(storm.Alarms.Select(a => a.Alarm.AlarmType), Has.All.AnyOf("disk_full", "cert_expiry", "auth_failure", "config_change"));
    }

    [Test]
    public void Unrelated_faults_are_separate_groups_in_different_regions_that_overlap_in_time()
    {
        var storm = GeneratedStorms.Of(StormShape.Unrelated, alarms: 400, sites: 60);

        Assert.That(storm.Faults, Has.Count.GreaterThanOrEqualTo(2));
        Assert.That(storm.Faults.Select(f => f.Group), Is.Unique);
        var spans = storm.Alarms.GroupBy(a => a.Group)
            .Select(g => (Start: g.Min(a => a.Alarm.ObservedAt), End: g.Max(a => a.Alarm.ObservedAt))).ToList();
        var overlapping = spans.Any(a => spans.Any(b => a != b && a.Start <= b.End && b.Start <= a.End));
        Assert.That(overlapping, Is.True);
        // The first faults of the storm were started together, one in each of different regions.
        var firstRegions = storm.Faults.Take(2).Select(f => RegionOf(storm, f.Where)).ToList();
        Assert.That(firstRegions[0], Is.Not.EqualTo(firstRegions[1]));
    }

    private static string? RegionOf(GeneratedStorm storm, string where)
    {
        var network = storm.Network;
        var device = network.FindDevice(where) ?? network.FindDevice(network.FindLink(where)?.A);
        return network.SiteOf(device?.Id)?.Region ?? network.FindSite(where)?.Region;
    }
}
