using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Correlation.ServiceDefaults;

/// <summary>
/// HTTPS is Kestrel's own configuration, from settings or the environment, e.g.
/// <c>Kestrel__Endpoints__Https__Url=https://0.0.0.0:5443</c> with <c>Kestrel__Endpoints__Https__Certificate__Path</c> and
/// <c>__Password</c> (PFX), or <c>__Path</c> and <c>__KeyPath</c> (PEM); see docs/security.md. This adds what Kestrel
/// leaves to the host: no Server header naming the stack, and a warning at start for every plain-HTTP address that
/// other hosts can reach, since bearer tokens, API keys and chat signatures would cross the network in clear there.
/// </summary>
public static partial class ListenerSecurity
{
    public static IHostApplicationBuilder AddListenerSecurity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.AddServerHeader = false);
        builder.Services.AddHostedService<PlainHttpReport>();
        return builder;
    }

    /// <summary>True when a listening address serves plain HTTP to other hosts (not loopback, not localhost).</summary>
    public static bool IsPlainHttpBeyondLoopback(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var host = address["http://".Length..].Split('/')[0];
        host = host.StartsWith('[') ? host[1..host.IndexOf(']', StringComparison.Ordinal)] : host.Split(':')[0];
        return !(host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip)));
    }

    private sealed partial class PlainHttpReport(IServer server, IHostApplicationLifetime lifetime, ILogger<PlainHttpReport> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            // Addresses are known once the server listens.
            lifetime.ApplicationStarted.Register(() =>
            {
                foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
                {
                    if (IsPlainHttpBeyondLoopback(address))
                    {
                        LogPlainHttp(logger, address);
                    }
                }
            });
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "Serving plain HTTP on {Address}, which other hosts can reach: tokens, API keys and signatures cross the network in clear. Configure Kestrel:Endpoints:Https (docs/security.md) or put a TLS proxy in front.")]
        private static partial void LogPlainHttp(ILogger logger, string address);
    }
}
