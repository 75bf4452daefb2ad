using Correlation.Contracts;
using Correlation.Topology;

namespace Correlation.Cli.Generation.Faults;

/// <summary>
/// Background noise: one alarm that belongs to no storm (a full disk, a certificate near expiry, failed
/// logins, a configuration change). Each is an incident of its own in the truth.
/// </summary>
public static class Noise
{
    public const string Shape = "noise";

    public static void Generate(FaultBuilder fault, Device device)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentNullException.ThrowIfNull(device);
        var isHost = device.Role is DeviceRole.Server or DeviceRole.Storage or DeviceRole.Pbx;
        var roll = fault.Random.Next(isHost ? 4 : 3);
        var condition = roll switch
        {
            3 => fault.OnDevice(device, "disk_full", AlarmSeverity.Major, $"{device.Id}: /var at 97%", instance: "/var",
                kind: SourceKind.Prometheus, source: "prometheus"),
            0 => fault.OnDevice(device, "cert_expiry", AlarmSeverity.Warning, $"{device.Id}: TLS certificate expires in {fault.Random.Next(3, 30)} days",
                kind: SourceKind.Email, source: "cert-monitor"),
            1 => fault.OnDevice(device, "auth_failure", AlarmSeverity.Minor, $"{device.Id}: {fault.Random.Next(5, 60)} failed logins for user admin",
                kind: SourceKind.Syslog, source: "syslog"),
            _ => fault.OnDevice(device, "config_change", AlarmSeverity.Info, $"{device.Id}: running configuration changed by netops",
                kind: SourceKind.Syslog, source: "syslog"),
        };
        fault.Raise(condition, 0);
    }
}
