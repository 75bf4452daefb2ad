using System.Globalization;
using System.Text.RegularExpressions;
using Correlation.Ingest.Mail;
using Correlation.Ingest.Nms;

namespace Correlation.Deploy.Tests;

/// <summary>
/// The ports a service listens on in its container: HTTP on the port deploy/Dockerfile gives Kestrel, and the
/// NMS and SMTP listeners on their options' defaults, unless the environment sets them otherwise.
/// </summary>
public static partial class Listeners
{
    /// <summary>ASPNETCORE_HTTP_PORTS as deploy/Dockerfile sets it.</summary>
    public static int ImageHttpPort { get; } = int.Parse(
        HttpPortsInDockerfile().Match(File.ReadAllText(Path.Combine(Repo.Deploy, "Dockerfile"))) is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException("deploy/Dockerfile sets no ASPNETCORE_HTTP_PORTS"),
        CultureInfo.InvariantCulture);

    public static IReadOnlyList<(string Name, int Port, string Protocol)> Of(DeployedService service, Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(env);
        var listeners = new List<(string, int, string)> { ("http", Int(env("ASPNETCORE_HTTP_PORTS"), ImageHttpPort), "TCP") };
        switch (service.Name)
        {
            case "ingest-nms":
                var nms = new NmsOptions();
                if (Bool(env("Nms__Snmp__Enabled"), nms.Snmp.Enabled))
                {
                    listeners.Add(("snmp", Int(env("Nms__Snmp__Port"), nms.Snmp.Port), "UDP"));
                }

                if (Bool(env("Nms__Syslog__UdpEnabled"), nms.Syslog.UdpEnabled))
                {
                    listeners.Add(("syslog-udp", Int(env("Nms__Syslog__UdpPort"), nms.Syslog.UdpPort), "UDP"));
                }

                if (Bool(env("Nms__Syslog__TcpEnabled"), nms.Syslog.TcpEnabled))
                {
                    listeners.Add(("syslog-tcp", Int(env("Nms__Syslog__TcpPort"), nms.Syslog.TcpPort), "TCP"));
                }

                break;
            case "ingest-mail":
                var mail = new MailOptions();
                if (Bool(env("Mail__Smtp__Enabled"), mail.Smtp.Enabled))
                {
                    listeners.Add(("smtp", Int(env("Mail__Smtp__Port"), mail.Smtp.Port), "TCP"));
                }

                break;
            default:
                break;
        }

        return listeners;
    }

    /// <summary>The addresses the service's own (non-HTTP) listeners bind, by setting.</summary>
    public static IEnumerable<(string Setting, string Address)> Addresses(DeployedService service, Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(env);
        return service.Name switch
        {
            "ingest-nms" => [("Nms__Address", env("Nms__Address") ?? new NmsOptions().Address)],
            "ingest-mail" => [("Mail__Smtp__Address", env("Mail__Smtp__Address") ?? new MailOptions().Smtp.Address)],
            _ => [],
        };
    }

    public static bool IsLoopback(string address) =>
        address == "localhost" || (System.Net.IPAddress.TryParse(address, out var ip) && System.Net.IPAddress.IsLoopback(ip));

    private static int Int(string? value, int fallback) => value is null ? fallback : int.Parse(value, CultureInfo.InvariantCulture);

    private static bool Bool(string? value, bool fallback) => value is null ? fallback : bool.Parse(value);

    [GeneratedRegex(@"ASPNETCORE_HTTP_PORTS=(\d+)")]
    private static partial Regex HttpPortsInDockerfile();
}
