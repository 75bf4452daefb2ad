using System.Diagnostics;

namespace Correlation.Ingest.Nms.Tests.Receivers;

/// <summary>Runs the real senders: net-snmp's snmptrap/snmpinform and util-linux's logger.</summary>
internal static class Tools
{
    public static async Task SnmpTrapAsync(params string[] arguments) => await RunAsync("snmptrap", arguments);

    public static async Task LoggerAsync(params string[] arguments) => await RunAsync("logger", arguments);

    public static async Task RunAsync(string tool, IReadOnlyList<string> arguments)
    {
        if (!OnPath(tool))
        {
            Assert.Fail(tool == "logger"
                ? "logger (util-linux) is not installed: apt-get install bsdutils"
                : $"{tool} (net-snmp) is not installed. Run `deploy/infra.sh up`, which installs Debian's `snmp` package, or `apt-get install snmp`.");
        }

        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No MIBs needed: every OID is numeric; this keeps net-snmp from warning about missing MIB files.
        start.Environment["MIBS"] = "";
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stderr = await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.That(process.ExitCode, Is.Zero, $"{tool} {string.Join(' ', arguments)} failed: {stderr}");
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));
}
