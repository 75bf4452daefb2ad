namespace Correlation.Correlator.Tests.Learning;

/// <summary>Recorded alarms for signature tests: a few kinds, each raised by many devices in its own words.</summary>
internal static class AlarmHistory
{
    public const int Kinds = 5;

    /// <summary>
    /// <paramref name="perKind"/> alarms of each kind that differ only in device names, interfaces,
    /// addresses, hex ids and numbers; a different <paramref name="from"/> gives instances never seen.
    /// </summary>
    public static List<(string AlarmType, string Summary)> Varied(int perKind, int from = 0)
    {
        var alarms = new List<(string, string)>();
        for (var i = from; i < from + perKind; i++)
        {
            alarms.Add(("link_down", $"s{i:000}-rtr-01: interface Gi0/{i % 48} down, peer 10.0.{i % 250}.{(i % 7) + 1}"));
            alarms.Add(("high_cpu", $"s{i:000}-asw-0{(i % 4) + 1}: CPU above {80 + (i % 20)}% for {(i % 9) + 1} minutes"));
            alarms.Add(("disk_full", $"/var on db-{i:0000} is {90 + (i % 10)}% full"));
            alarms.Add(("bgp_session_down", $"BGP neighbour 192.168.{i % 200}.1 down (session 0x{i * 7919:x8})"));
            alarms.Add(("cert_expiry", $"TLS certificate for portal-{i}.example.com expires in {(i % 30) + 1} days"));
        }

        return alarms;
    }
}
