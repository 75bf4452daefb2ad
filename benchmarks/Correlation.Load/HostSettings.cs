namespace Correlation.Load;

/// <summary>
/// The all-in-one host's settings for a run: broker entities and Redis keys of its own, loopback ports
/// nobody holds, the storm's CMDB, and the trap and syslog rules that map the harness's datagrams (see
/// <see cref="UdpSender"/>). Given as environment variables, which override appsettings.json.
/// </summary>
internal static class HostSettings
{
    public static Dictionary<string, string> For(HarnessOptions options, string entityPrefix, string redisPrefix, string cmdb, int httpPort, int trapPort, int syslogPort) => new(StringComparer.Ordinal)
    {
        ["RabbitMq__Url"] = options.RabbitUrl.ToString(),
        ["RabbitMq__EntityPrefix"] = entityPrefix,
        // The run's queues go away with the host instead of piling up in the broker.
        ["RabbitMq__TemporaryQueues"] = "true",
        ["Redis__Configuration"] = options.Redis,
        ["Redis__KeyPrefix"] = redisPrefix,
        ["Topology__CmdbPath"] = cmdb,
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}",
        ["Urls"] = $"http://127.0.0.1:{httpPort}",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Nms__Address"] = "127.0.0.1",
        ["Nms__Snmp__Port"] = trapPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Nms__Syslog__UdpPort"] = syslogPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Nms__Syslog__TcpEnabled"] = "false",
        ["Mail__Smtp__Port"] = "0",
        ["Nms__Snmp__Rules__0__Trap"] = UdpSender.TrapOid,
        ["Nms__Snmp__Rules__0__AlarmType"] = "link_down",
        ["Nms__Snmp__Rules__0__Severity"] = "Major",
        ["Nms__Snmp__Rules__0__Resource"] = "{$1}",
        ["Nms__Snmp__Rules__0__Instance"] = "{$2}",
        ["Nms__Snmp__Rules__0__Summary"] = "{$3}",
        ["Nms__Syslog__Rules__0__AppName"] = UdpSender.SyslogApp,
        ["Nms__Syslog__Rules__0__Pattern"] = @"^(?<res>\S+) (?<inst>\S+) down",
        ["Nms__Syslog__Rules__0__AlarmType"] = "link_down",
        ["Nms__Syslog__Rules__0__Severity"] = "Major",
        ["Nms__Syslog__Rules__0__Resource"] = "{res}",
        ["Nms__Syslog__Rules__0__Instance"] = "{inst}",
        ["Nms__Syslog__Rules__0__Summary"] = "{message}",
    };
}
