using YamlDotNet.RepresentationModel;

namespace Correlation.Deploy.Tests;

/// <summary>deploy/compose.pipeline.yaml (the whole pipeline on one host), and deploy/compose.yaml, which deploy/infra.sh uses.</summary>
public class ComposeTests
{
    private static readonly string PipelinePath = Path.Combine(Repo.Deploy, "compose.pipeline.yaml");

    private static YamlMappingNode Pipeline { get; } = Yaml.LoadDocuments(PipelinePath).Single();

    private static Dictionary<string, YamlMappingNode> Services(YamlMappingNode compose) =>
        compose.At("services") is YamlMappingNode map
            ? map.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => (YamlMappingNode)c.Value, StringComparer.Ordinal)
            : [];

    /// <summary>A compose service's environment, from either form (map, or list of NAME=value).</summary>
    private static Dictionary<string, string?> Environment(YamlMappingNode service)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        switch (service.At("environment"))
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    env[((YamlScalarNode)key).Value!] = (value as YamlScalarNode)?.Value;
                }

                break;
            case YamlSequenceNode list:
                foreach (var item in list.Children.OfType<YamlScalarNode>().Select(i => i.Value!.Split('=', 2)))
                {
                    env[item[0]] = item.ElementAtOrDefault(1);
                }

                break;
            default:
                break;
        }

        return env;
    }

    private static IEnumerable<string> DependsOn(YamlMappingNode service) => service.At("depends_on") switch
    {
        YamlSequenceNode list => list.Children.OfType<YamlScalarNode>().Select(n => n.Value!),
        YamlMappingNode map => map.Children.Keys.OfType<YamlScalarNode>().Select(n => n.Value!),
        _ => [],
    };

    private static string HealthTest(YamlMappingNode service) => service.At("healthcheck.test") switch
    {
        YamlSequenceNode list => string.Join(' ', list.Children.OfType<YamlScalarNode>().Select(n => n.Value)),
        YamlScalarNode scalar => scalar.Value ?? "",
        _ => "",
    };

    [Test]
    public void Every_service_has_an_image_or_a_build_of_a_real_project()
    {
        var services = Services(Pipeline);
        Assert.That(services, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var (name, service) in services)
            {
                Assert.That(service.At("image") is not null || service.At("build") is not null, Is.True, $"{name}: image or build");
                if (service.At("build") is null)
                {
                    continue;
                }

                var context = Path.GetFullPath(Path.Combine(Repo.Deploy, service.Str("build.context") ?? "."));
                Assert.That(Directory.Exists(context), Is.True, $"{name}: build.context {context}");
                var dockerfile = Path.Combine(context, service.Str("build.dockerfile") ?? "Dockerfile");
                Assert.That(File.Exists(dockerfile), Is.True, $"{name}: build.dockerfile {dockerfile}");
                var project = service.Str("build.args.SERVICE");
                Assert.That(File.Exists(Path.Combine(Repo.Root, "services", project ?? "?", $"{project}.csproj")), Is.True,
                    $"{name}: build arg SERVICE '{project}' names no project under services/");
            }
        });
    }

    [Test]
    public void Every_catalog_service_is_built_from_its_project()
    {
        var services = Services(Pipeline);
        Assert.Multiple(() =>
        {
            foreach (var s in ServiceCatalog.All)
            {
                Assert.That(services.ContainsKey(s.Name), Is.True, $"no compose service {s.Name}");
                Assert.That(services.GetValueOrDefault(s.Name)?.Str("build.args.SERVICE"), Is.EqualTo(s.Project), $"{s.Name}: build arg SERVICE");
            }
        });
    }

    [Test]
    public void Depends_on_names_exist_and_waits_for_health()
    {
        var services = Services(Pipeline);
        Assert.Multiple(() =>
        {
            foreach (var (name, service) in services)
            {
                foreach (var dependency in DependsOn(service))
                {
                    Assert.That(services.ContainsKey(dependency), Is.True, $"{name}: depends_on {dependency}, which is no service");
                    Assert.That(service.Str($"depends_on.{dependency}.condition"), Is.EqualTo("service_healthy"),
                        $"{name}: should wait until {dependency} is healthy, not merely started");
                }
            }

            foreach (var s in ServiceCatalog.All)
            {
                Assert.That(DependsOn(services[s.Name]), Is.SupersetOf(new[] { "rabbitmq", "redis" }), $"{s.Name}: depends on the servers");
            }
        });
    }

    [Test]
    public void Every_service_has_a_health_check_and_ours_ask_a_health_route_on_the_http_port()
    {
        var services = Services(Pipeline);
        Assert.Multiple(() =>
        {
            foreach (var (name, service) in services)
            {
                Assert.That(HealthTest(service), Is.Not.Empty, $"{name}: healthcheck.test");
                Assert.That(service.Str("healthcheck.disable"), Is.Not.EqualTo("true"), $"{name}: healthcheck disabled");
            }

            foreach (var s in ServiceCatalog.All)
            {
                var test = HealthTest(services[s.Name]);
                Assert.That(CodeFacts.HealthRoutes.Any(r => test.Contains(r + " ", StringComparison.Ordinal)), Is.True, $"{s.Name}: health check asks no health route: {test}");
                var port = Environment(services[s.Name]).GetValueOrDefault("ASPNETCORE_HTTP_PORTS") ?? Listeners.ImageHttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
                Assert.That(test, Does.Contain($"/{port} "), $"{s.Name}: health check on the HTTP port {port}");
            }
        });
    }

    [Test]
    public void Env_names_are_settings_the_service_binds()
    {
        var services = Services(Pipeline);
        Assert.Multiple(() =>
        {
            foreach (var s in ServiceCatalog.All)
            {
                foreach (var (name, value) in Environment(services[s.Name]))
                {
                    // Values interpolated by compose are known only at `up`; their names are still checked.
                    var literal = value is null || value.Contains("${", StringComparison.Ordinal) ? null : value;
                    Assert.That(Settings.Check(s, name, literal), Is.Null, $"compose service {s.Name}");
                }
            }
        });
    }

    [Test]
    public void Listeners_face_the_network_and_ports_are_the_services_own()
    {
        var services = Services(Pipeline);
        Assert.Multiple(() =>
        {
            foreach (var s in ServiceCatalog.All)
            {
                var env = Environment(services[s.Name]);
                foreach (var (setting, address) in Listeners.Addresses(s, n => env.GetValueOrDefault(n)))
                {
                    Assert.That(Listeners.IsLoopback(address), Is.False, $"{s.Name}: {setting}={address} listens inside the container only");
                }

                var listening = Listeners.Of(s, n => env.GetValueOrDefault(n)).Select(l => $"{l.Port}/{l.Protocol.ToLowerInvariant()}").ToList();
                foreach (var published in services[s.Name].Seq("ports").OfType<YamlScalarNode>().Select(p => p.Value!))
                {
                    var container = published.Split(':')[^1];
                    var target = container.Contains('/', StringComparison.Ordinal) ? container : container + "/tcp";
                    Assert.That(listening, Does.Contain(target), $"{s.Name}: publishes {published}, but the service listens on {string.Join(", ", listening)}");
                }
            }
        });
    }

    [Test]
    public void Volumes_are_declared_and_files_named_by_settings_exist()
    {
        var services = Services(Pipeline);
        var named = Pipeline.Keys("volumes").ToHashSet(StringComparer.Ordinal);
        Assert.Multiple(() =>
        {
            foreach (var (name, service) in services)
            {
                var mounts = service.Seq("volumes").OfType<YamlScalarNode>().Select(v => v.Value!.Split(':')).ToList();
                foreach (var mount in mounts)
                {
                    if (mount[0].StartsWith('.') || mount[0].StartsWith('/'))
                    {
                        Assert.That(Directory.Exists(Path.GetFullPath(Path.Combine(Repo.Deploy, mount[0]))), Is.True, $"{name}: bind mount {mount[0]}");
                    }
                    else
                    {
                        Assert.That(named, Does.Contain(mount[0]), $"{name}: volume {mount[0]} is not declared under volumes:");
                    }
                }

                foreach (var (setting, value) in Environment(service).Where(e => e.Value?.StartsWith('/') == true))
                {
                    var mount = mounts.FirstOrDefault(m => m.Length > 1 && value!.StartsWith(m[1] + "/", StringComparison.Ordinal));
                    Assert.That(mount, Is.Not.Null, $"{name}: {setting}={value} is in no mounted folder");
                    if (mount is not null && (mount[0].StartsWith('.') || mount[0].StartsWith('/')))
                    {
                        var file = Path.Combine(Repo.Deploy, mount[0], value![(mount[1].Length + 1)..]);
                        Assert.That(File.Exists(file), Is.True, $"{name}: {setting}={value}, but {file} does not exist");
                    }
                }
            }

            Assert.That(services["rabbitmq"].Seq("volumes").OfType<YamlScalarNode>().Any(v => v.Value!.EndsWith(":/var/lib/rabbitmq", StringComparison.Ordinal)), Is.True, "RabbitMQ's data on a volume");
            Assert.That(services["redis"].Seq("volumes").OfType<YamlScalarNode>().Any(v => v.Value!.EndsWith(":/data", StringComparison.Ordinal)), Is.True, "Redis's data on a volume");
            Assert.That(string.Join(' ', services["redis"].Seq("command").OfType<YamlScalarNode>().Select(n => n.Value)), Does.Contain("--appendonly yes"), "Redis's append-only file");
        });
    }

    [Test]
    public void The_infrastructure_compose_file_of_infra_sh_still_runs_only_the_servers_on_the_infra_env_ports()
    {
        var compose = Yaml.LoadDocuments(Path.Combine(Repo.Deploy, "compose.yaml")).Single();
        var services = Services(compose);
        var infraSh = File.ReadAllText(Path.Combine(Repo.Deploy, "infra.sh"));
        Assert.Multiple(() =>
        {
            Assert.That(services.Keys, Is.EquivalentTo(new[] { "rabbitmq", "redis" }), "infra.sh starts the servers only; the pipeline has its own file");
            Assert.That(services["rabbitmq"].Seq("ports").OfType<YamlScalarNode>().Single().Value, Does.Contain("${RABBITMQ_PORT"));
            Assert.That(services["redis"].Seq("ports").OfType<YamlScalarNode>().Single().Value, Does.Contain("${REDIS_PORT"));
            Assert.That(infraSh, Does.Contain("deploy/compose.yaml"), "infra.sh names the file");
        });
    }
}
