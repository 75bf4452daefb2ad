using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Correlation.ServiceDefaults.Access;

/// <summary>Says at start how the API is protected, so an open API is never a surprise. Names and counts only; never tokens.</summary>
internal sealed partial class AccessStartupReport(IOptions<AccessOptions> options, ILogger<AccessStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var access = options.Value;
        if (access.Tokens.Count == 0 && access.EffectiveLoopbackRole is { } role)
        {
            LogOpenOnLoopback(logger, role);
        }
        else
        {
            LogTokens(logger, access.Tokens.Count, access.EffectiveLoopbackRole);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "API access: no tokens are configured; callers on this machine (loopback) act as {Role} without a token and all others are refused. Configure Access:Tokens for any shared deployment.")]
    private static partial void LogOpenOnLoopback(ILogger logger, AccessRole role);

    [LoggerMessage(Level = LogLevel.Information, Message = "API access: {Count} tokens configured; anonymous loopback role: {Role} (none when empty).")]
    private static partial void LogTokens(ILogger logger, int count, AccessRole? role);
}
