using System.Collections.Concurrent;
using System.ComponentModel;
using System.Reflection;
using Correlation.ServiceDefaults;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Correlation.Deploy.Tests;

/// <summary>
/// What the code says, for the manifests to be checked against: the queues each service consumes from, the health
/// endpoints, and the settings its options classes bind. Taken from the services' own composition, not from a copy.
/// </summary>
public static class CodeFacts
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> Endpoints = new();
    private static readonly ConcurrentBag<WebApplication> Hosts = [];

    /// <summary>
    /// The receive endpoints (queue names) of a service, as its Program.cs composes it: service defaults, the
    /// service's Add..., and <see cref="BusExtensions.AddCorrelationBus"/> with its kebab-case endpoint names on
    /// RabbitMQ. The bus is created, never started, so no broker is needed.
    /// </summary>
    public static IReadOnlyList<string> ReceiveEndpoints(DeployedService service) =>
        Endpoints.GetOrAdd(service.Name, _ => DiscoverEndpoints(service));

    private static List<string> DiscoverEndpoints(DeployedService service)
    {
        var recorder = new EndpointRecorder();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RabbitMq:Url"] = "amqp://unused:unused@127.0.0.1:1/",
            ["Redis:Configuration"] = "127.0.0.1:1,abortConnect=false",
            ["Topology:CmdbPath"] = Path.Combine(Repo.Deploy, "config", "cmdb.yaml"),
        });
        builder.AddServiceDefaults();
        service.Add(builder);
        builder.AddCorrelationBus();
        builder.Services.AddSingleton<IConfigureReceiveEndpoint>(recorder);
        // Not disposed: MassTransit keeps the first host's logger factory in a static context, which later
        // hosts of the test run would then find disposed. The hosts are never started and hold no connections.
        var app = builder.Build();
        Hosts.Add(app);
        // Creating the bus configures every receive endpoint (and calls the recorder) without connecting.
        _ = app.Services.GetRequiredService<IBusControl>();
        return [.. recorder.Names.Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>Every receive endpoint of every service in the catalog.</summary>
    public static IReadOnlySet<string> AllReceiveEndpoints() =>
        ServiceCatalog.All.SelectMany(ReceiveEndpoints).ToHashSet(StringComparer.Ordinal);

    /// <summary>The routes <see cref="ServiceDefaultsExtensions.MapServiceDefaults"/> adds to every service.</summary>
    public static IReadOnlySet<string> HealthRoutes { get; } = DiscoverDefaultRoutes();

    private static HashSet<string> DiscoverDefaultRoutes()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RabbitMq:Url"] = "amqp://unused:unused@127.0.0.1:1/",
            ["Redis:Configuration"] = "127.0.0.1:1,abortConnect=false",
        });
        builder.AddServiceDefaults();
        using var app = builder.Build();
        app.MapServiceDefaults();
        return ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => p.StartsWith("/health", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
    }

    private sealed class EndpointRecorder : IConfigureReceiveEndpoint
    {
        public ConcurrentBag<string> Names { get; } = [];

        public void Configure(string name, IReceiveEndpointConfigurator configurator) => Names.Add(name);
    }
}

/// <summary>
/// Whether a configuration path (<c>Section:Key:...</c>, as an environment variable <c>Section__Key__...</c>) is a
/// setting some options class of the service binds, and whether a literal value converts to the setting's type.
/// </summary>
public static class Settings
{
    /// <summary>Framework settings the services read without options classes of their own.</summary>
    private static readonly string[] FrameworkEnvPrefixes = ["ASPNETCORE_", "DOTNET_", "OTEL_"];

    private static readonly string[] FrameworkSections = ["Logging", "Kestrel"];

    /// <summary>The options classes (those with a SectionName constant) of the service's assembly and the project assemblies it references.</summary>
    public static IReadOnlyList<(string[] Section, Type Type)> OptionsOf(DeployedService service)
    {
        var assemblies = new List<Assembly> { service.Assembly };
        var queue = new Queue<Assembly>(assemblies);
        while (queue.Count > 0)
        {
            foreach (var name in queue.Dequeue().GetReferencedAssemblies().Where(n => n.Name!.StartsWith("Correlation.", StringComparison.Ordinal)))
            {
                var referenced = Assembly.Load(name);
                if (!assemblies.Contains(referenced))
                {
                    assemblies.Add(referenced);
                    queue.Enqueue(referenced);
                }
            }
        }

        return [.. assemblies.SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
            .Select(x => (((string)x.Field!.GetRawConstantValue()!).Split(':'), x.Type))];
    }

    /// <summary>Null when the environment variable is a setting of the service (and the value, if given, fits it); else why not.</summary>
    public static string? Check(DeployedService service, string envName, string? literalValue)
    {
        if (FrameworkEnvPrefixes.Any(p => envName.StartsWith(p, StringComparison.Ordinal)))
        {
            return null;
        }

        var path = envName.Split("__");
        if (path.Length < 2)
        {
            return $"{envName} is neither Section__Key nor a framework variable";
        }

        if (FrameworkSections.Contains(path[0], StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        var section = OptionsOf(service)
            .Where(o => o.Section.Length < path.Length
                && o.Section.Select((s, i) => string.Equals(s, path[i], StringComparison.OrdinalIgnoreCase)).All(x => x))
            .OrderByDescending(o => o.Section.Length)
            .FirstOrDefault();
        if (section.Type is null)
        {
            return $"{envName}: no options class of {service.Project} binds section '{path[0]}'";
        }

        var type = section.Type;
        foreach (var segment in path.Skip(section.Section.Length))
        {
            var next = Step(type, segment);
            if (next is null)
            {
                return $"{envName}: '{segment}' is not a setting of {type.Name} (section {string.Join(':', section.Section)} of {service.Project})";
            }

            type = next;
        }

        if (literalValue is not null && IsLeaf(type))
        {
            try
            {
                var converter = TypeDescriptor.GetConverter(type);
                _ = converter.ConvertFromInvariantString(literalValue);
            }
#pragma warning disable CA1031 // any conversion failure is the finding
            catch (Exception e)
#pragma warning restore CA1031
            {
                return $"{envName}={literalValue}: not a {type.Name} ({e.Message})";
            }
        }

        return null;
    }

    private static Type? Step(Type type, string segment)
    {
        var dictionary = Interface(type, typeof(IDictionary<,>)) ?? Interface(type, typeof(IReadOnlyDictionary<,>));
        if (dictionary is not null)
        {
            return dictionary.GetGenericArguments()[1];
        }

        if (type != typeof(string) && Interface(type, typeof(IEnumerable<>)) is { } enumerable)
        {
            return int.TryParse(segment, System.Globalization.CultureInfo.InvariantCulture, out var index) && index >= 0
                ? enumerable.GetGenericArguments()[0]
                : null;
        }

        if (IsLeaf(type))
        {
            return null;
        }

        var property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null || property.GetIndexParameters().Length > 0)
        {
            return null;
        }

        // The binder sets writable properties and fills get-only collections and objects.
        if (property.SetMethod is not { IsPublic: true } && IsLeaf(property.PropertyType))
        {
            return null;
        }

        return Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
    }

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Uri) || type == typeof(Guid);

    private static Type? Interface(Type type, Type generic) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == generic
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == generic);
}
