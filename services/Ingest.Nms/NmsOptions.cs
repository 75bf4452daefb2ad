using System.ComponentModel.DataAnnotations;
using Correlation.Ingest.Nms.Publishing;
using Correlation.Ingest.Nms.Syslog;
using Correlation.Ingest.Nms.Traps;

namespace Correlation.Ingest.Nms;

/// <summary>The SNMP trap and syslog receivers. Bound from the "Nms" configuration section.</summary>
public sealed class NmsOptions
{
    public const string SectionName = "Nms";

    /// <summary>The address every listener binds: loopback unless the receivers should face the network.</summary>
    [Required]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>At most one "malformed input" log line per listener in this interval; counters see every one.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RejectLogInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Messages a second one sender address may send to one listener, on average; 0: no limit. Over it a message
    /// is dropped and counted ("rate_limited"): UDP senders cannot be told to slow down.
    /// </summary>
    [Range(0, 10_000_000)]
    public double MaxMessagesPerSecondPerSender { get; set; }

    /// <summary>Messages a sender may send at once before the rate applies; 0: twice the rate.</summary>
    [Range(0, 100_000_000)]
    public int BurstPerSender { get; set; }

    /// <summary>Sender addresses whose rate is tracked one by one; past it, new senders share one limit (spoofed floods stay bounded).</summary>
    [Range(1, 10_000_000)]
    public int MaxTrackedSenders { get; set; } = 10_000;

    public SnmpOptions Snmp { get; set; } = new();

    public SyslogOptions Syslog { get; set; } = new();

    public PublishOptions Publish { get; set; } = new();
}

/// <summary>The SNMP trap receiver ("Nms:Snmp").</summary>
public sealed class SnmpOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>UDP port; 162 is the standard one but needs privileges. 0: any free port.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 1162;

    /// <summary>Larger datagrams are refused ("oversized").</summary>
    [Range(484, 65507)]
    public int MaxDatagramBytes { get; set; } = 65507;

    /// <summary>Communities allowed per sender network; empty: "public" from anyone.</summary>
    public List<SnmpSourceOptions> Sources { get; set; } = [];

    /// <summary>Tried in order before the built-in rules.</summary>
    public List<TrapRuleOptions> Rules { get; set; } = [];

    public bool BuiltInRules { get; set; } = true;

    /// <summary>More names for templates and details: name to OID.</summary>
    public Dictionary<string, string> Names { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The syslog receiver ("Nms:Syslog").</summary>
public sealed class SyslogOptions
{
    public bool UdpEnabled { get; set; } = true;

    [Range(0, 65535)]
    public int UdpPort { get; set; } = 1514;

    public bool TcpEnabled { get; set; } = true;

    [Range(0, 65535)]
    public int TcpPort { get; set; } = 1514;

    /// <summary>
    /// Networks (CIDR or address) whose senders syslog takes, over UDP and TCP. Syslog (RFC 5424, RFC 3164) carries
    /// no credential, so the sender's network is its only check. Empty: this machine only (loopback).
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>Longest message (UDP datagram, TCP frame or line); longer ones are dropped ("too_long").</summary>
    [Range(480, 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 8192;

    [Range(1, 100_000)]
    public int MaxConnections { get; set; } = 256;

    /// <summary>A TCP connection that sends nothing for this long is closed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Tried in order before the built-in rules.</summary>
    public List<SyslogRuleOptions> Rules { get; set; } = [];

    public bool BuiltInRules { get; set; } = true;

    /// <summary>A message no rule takes becomes a "syslog" alarm when at least this severe; empty: never.</summary>
    public SyslogSeverity? UnmatchedMinimumSeverity { get; set; } = SyslogSeverity.Error;
}
