using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Correlation.Topology;

public static class TopologyExtensions
{
    /// <summary>
    /// The "Topology" options (validated at start), the <see cref="TopologyProvider"/> singleton and the
    /// watcher that reloads it. Safe to call from several services composed into one host.
    /// </summary>
    public static IHostApplicationBuilder AddTopology(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(s => s.ServiceType == typeof(TopologyProvider)))
        {
            return builder;
        }

        services.AddOptions<TopologyOptions>()
            .Bind(builder.Configuration.GetSection(TopologyOptions.SectionName))
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                if (!string.IsNullOrWhiteSpace(options.CmdbPath))
                {
                    options.CmdbPath = Path.GetFullPath(options.CmdbPath, environment.ContentRootPath);
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TopologyOptions>, CmdbFileExists>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TopologyProvider>();
        services.AddHostedService<TopologyWatcher>();
        return builder;
    }

    /// <summary>
    /// Names the path in the message. The file's content is checked when the provider first loads it,
    /// which the watcher makes happen at start too, so that it is parsed once.
    /// </summary>
    private sealed class CmdbFileExists : IValidateOptions<TopologyOptions>
    {
        public ValidateOptionsResult Validate(string? name, TopologyOptions options) =>
            string.IsNullOrWhiteSpace(options.CmdbPath) || File.Exists(options.CmdbPath)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Topology:CmdbPath: no CMDB file at '{options.CmdbPath}'.");
    }
}
