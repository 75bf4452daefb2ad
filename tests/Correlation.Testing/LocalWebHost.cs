using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Correlation.Testing;

/// <summary>Starts a web application on a free loopback port and stops it at the end of the test.</summary>
public sealed class LocalWebHost : IAsyncDisposable
{
    private LocalWebHost(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>Arguments that bind the host to 127.0.0.1 on a port the system picks.</summary>
    public static string[] LoopbackArgs(IReadOnlyDictionary<string, string> settings) =>
        [.. settings.Select(s => $"--{s.Key}={s.Value}"), "--urls=http://127.0.0.1:0"];

    public static async Task<LocalWebHost> StartAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new LocalWebHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
