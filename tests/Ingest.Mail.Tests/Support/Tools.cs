using System.Diagnostics;

namespace Correlation.Ingest.Mail.Tests.Support;

/// <summary>Runs the real programs the tests drive: swaks (an SMTP client) and the id tool.</summary>
internal static class Tools
{
    public static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Any(dir => File.Exists(Path.Combine(dir, tool)));

    public static void RequireSwaks()
    {
        if (!OnPath("swaks"))
        {
            Assert.Ignore("swaks is not installed: `deploy/infra.sh up` installs Debian's swaks package (or apt-get install swaks)");
        }
    }

    /// <summary>Sends one mail with swaks to the receiver; returns its exit code and transcript.</summary>
    public static async Task<(int ExitCode, string Output)> SwaksAsync(int port, params string[] arguments) =>
        await RunAsync("swaks", ["--server", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--helo", "monitor.example", .. arguments]);

    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
