using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Correlation.Testing;
using Correlation.Topology;

namespace Correlation.Faults.Tests;

/// <summary>One alarm of the storm: its sequence number, its true incident (the fault) and the body ingest is sent.</summary>
internal sealed record StormAlarm(int Seq, int Fault, string Site, string Resource, string AlarmType, string Instance, DateTimeOffset ObservedAt)
{
    /// <summary>The generic JSON alarm, with the sequence number and fault as labels and a fixed idempotency key, so a resend is the same alarm.</summary>
    public string Body(string run) => new JsonObject
    {
        ["resource"] = Resource,
        ["site"] = Site,
        ["alarmType"] = AlarmType,
        ["severity"] = AlarmType == "device_unreachable" ? "critical" : "major",
        ["summary"] = $"{AlarmType} on {Resource} (fault {Fault}, alarm {Seq})",
        ["idempotencyKey"] = $"{run}:{Seq}",
        ["observedAt"] = ObservedAt.ToString("O", CultureInfo.InvariantCulture),
        ["labels"] = new JsonObject
        {
            ["instance"] = Instance,
            ["seq"] = Seq.ToString(CultureInfo.InvariantCulture),
            ["fault"] = Fault.ToString(CultureInfo.InvariantCulture),
        },
    }.ToJsonString(JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new();
}

/// <summary>
/// A storm with exact ground truth on the sample CMDB (deploy/config/cmdb.yaml): fault after fault, each a site
/// losing power (device_unreachable and power_supply_failure from the site's devices, a few seconds apart, the
/// first condition repeated at the end), one site after another. Faults are <see cref="FaultSpacing"/> apart in
/// observed time, beyond the correlator's 10-minute window, and every condition names its fault as instance, so
/// two faults never share a condition: each fault is exactly one incident (the offline engine is checked to
/// agree in <see cref="FaultStormTests"/>). The storm is in the past (observed times end an hour before it is
/// made), so nothing in it is in the future for any service, and it does not clear: no incident resolves while
/// it is counted.
/// </summary>
internal sealed class FaultStorm
{
    public static readonly TimeSpan FaultSpacing = TimeSpan.FromMinutes(20);
    public static readonly TimeSpan AlarmSpacing = TimeSpan.FromSeconds(3);
    private static readonly string[] Sites = ["leeds", "york", "hull", "bradford", "bristol", "london-dc1"];

    private FaultStorm(IReadOnlyList<StormAlarm> alarms, int faults)
    {
        Alarms = alarms;
        Faults = faults;
    }

    public static string SampleCmdb => Path.Combine(TestServers.RepositoryRoot(), "deploy", "config", "cmdb.yaml");

    public IReadOnlyList<StormAlarm> Alarms { get; }

    public int Faults { get; }

    public static FaultStorm Create(int alarms, int alarmsPerFault, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(alarmsPerFault, 2);
        var topology = CmdbLoader.Load(SampleCmdb);
        var faults = (alarms + alarmsPerFault - 1) / alarmsPerFault;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero) - (FaultSpacing * faults) - TimeSpan.FromHours(1);
        var list = new List<StormAlarm>(alarms);
        for (var fault = 0; fault < faults && list.Count < alarms; fault++)
        {
            var site = Sites[fault % Sites.Length];
            var devices = topology.DevicesAt(site);
            var at = start + (FaultSpacing * fault);
            var instance = $"f{fault}";
            for (var i = 0; i < alarmsPerFault && list.Count < alarms; i++)
            {
                // The last alarm repeats the first condition: a repeat joins its incident as a repeat, not as a new member.
                var n = i == alarmsPerFault - 1 ? 0 : i;
                var device = devices[n % devices.Count];
                var type = (n / devices.Count) % 2 == 0 ? "device_unreachable" : "power_supply_failure";
                list.Add(new StormAlarm(list.Count, fault, site, device.Id, type, instance, at + (AlarmSpacing * i)));
            }
        }

        return new FaultStorm(list, faults);
    }
}
