using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Correlation.Deploy.Tests;

/// <summary>
/// The Kubernetes manifests under deploy/k8s, checked as the API server and the cluster would need them (no cluster and
/// no kubectl here): the shape of every kind we use, and that every name one object gives another refers to something.
/// </summary>
public partial class K8sManifestTests
{
    /// <summary>The kinds the manifests may use, with their API versions; a new kind must be added here on purpose.</summary>
    private static readonly Dictionary<string, string> ApiVersions = new(StringComparer.Ordinal)
    {
        ["Namespace"] = "v1",
        ["ConfigMap"] = "v1",
        ["Secret"] = "v1",
        ["Service"] = "v1",
        ["ServiceAccount"] = "v1",
        ["Deployment"] = "apps/v1",
        ["StatefulSet"] = "apps/v1",
        ["PodDisruptionBudget"] = "policy/v1",
        ["HorizontalPodAutoscaler"] = "autoscaling/v2",
        ["Role"] = "rbac.authorization.k8s.io/v1",
        ["RoleBinding"] = "rbac.authorization.k8s.io/v1",
        ["ScaledObject"] = "keda.sh/v1alpha1",
        ["TriggerAuthentication"] = "keda.sh/v1alpha1",
    };

    private static string Namespace => K8s.Kustomization.Str("namespace")!;

    [Test]
    public void Kustomization_lists_every_manifest_file_and_only_existing_ones()
    {
        var listed = K8s.Kustomization.Seq("resources").OfType<YamlScalarNode>().Select(n => n.Value!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(listed, Is.Unique);
            Assert.That(listed.Where(f => !File.Exists(Path.Combine(Repo.K8s, f))), Is.Empty, "listed but missing");
            Assert.That(K8s.ManifestFiles.Select(Path.GetFileName).Except(listed), Is.Empty, "in deploy/k8s but not in kustomization.yaml");
            Assert.That(Namespace, Is.Not.Null.And.Not.Empty);
        });
    }

    [Test]
    public void Every_document_has_api_version_kind_and_name_in_the_namespace()
    {
        Assert.That(K8s.All, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var m in K8s.All)
            {
                Assert.That(m.Kind, Is.Not.Null.And.Not.Empty, $"{m}: kind");
                Assert.That(m.Name, Is.Not.Null.And.Match("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$").And.Length.LessThanOrEqualTo(63), $"{m}: metadata.name");
                Assert.That(ApiVersions.TryGetValue(m.Kind ?? "", out var apiVersion), Is.True, $"{m}: kind not known to these tests");
                Assert.That(m.ApiVersion, Is.EqualTo(apiVersion), $"{m}: apiVersion");
                Assert.That(m.Root.Str("metadata.namespace"), m.Kind == "Namespace" ? Is.Null : Is.EqualTo(Namespace), $"{m}: namespace");
            }

            var duplicates = K8s.All.GroupBy(m => (m.Kind, m.Name)).Where(g => g.Count() > 1).Select(g => g.Key);
            Assert.That(duplicates, Is.Empty, "two objects of one kind with one name");
            Assert.That(K8s.Find("Namespace", Namespace), Is.Not.Null, "the kustomization's namespace is created");
        });
    }

    [Test]
    public void Workloads_select_their_own_pods_and_declare_containers()
    {
        Assert.Multiple(() =>
        {
            foreach (var w in K8s.Workloads)
            {
                var selector = w.Manifest.Root.StrMap("spec.selector.matchLabels");
                Assert.That(selector.IsSubsetOf(w.PodLabels), Is.True, $"{w}: spec.selector.matchLabels must be among the template's labels");
                Assert.That(w.Containers, Is.Not.Empty, $"{w}: containers");
                Assert.That(w.AllContainers.Select(c => c.Str("name")), Is.Unique.And.All.Not.Null, $"{w}: container names");
                if (w.Kind == "StatefulSet")
                {
                    var headless = K8s.Find("Service", w.Manifest.Root.Str("spec.serviceName"));
                    Assert.That(headless?.Root.Str("spec.clusterIP"), Is.EqualTo("None"), $"{w}: serviceName must name a headless Service");
                }
            }
        });
    }

    [Test]
    public void Every_container_has_an_image_and_resources_within_limits()
    {
        Assert.Multiple(() =>
        {
            foreach (var w in K8s.Workloads)
            {
                foreach (var c in w.AllContainers)
                {
                    var where = $"{w} container {c.Str("name")}";
                    Assert.That(c.Str("image"), Is.Not.Null.And.Not.Empty, $"{where}: image");
                    foreach (var resource in new[] { "cpu", "memory" })
                    {
                        var request = c.Str($"resources.requests.{resource}");
                        var limit = c.Str($"resources.limits.{resource}");
                        Assert.That(request, Is.Not.Null, $"{where}: resources.requests.{resource}");
                        Assert.That(limit, Is.Not.Null, $"{where}: resources.limits.{resource}");
                        if (request is not null && limit is not null)
                        {
                            Assert.That(K8s.Quantity(request), Is.LessThanOrEqualTo(K8s.Quantity(limit)), $"{where}: {resource} request above its limit");
                        }
                    }
                }
            }
        });
    }

    [Test]
    public void Probes_point_at_ports_the_container_declares()
    {
        Assert.Multiple(() =>
        {
            foreach (var w in K8s.Workloads)
            {
                foreach (var c in w.Containers)
                {
                    var where = $"{w} container {c.Str("name")}";
                    Assert.That(c.At("readinessProbe"), Is.Not.Null, $"{where}: readinessProbe");
                    Assert.That(c.At("livenessProbe"), Is.Not.Null, $"{where}: livenessProbe");
                    foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
                    {
                        var node = c.At(probe);
                        if (node is null)
                        {
                            continue;
                        }

                        var handlers = new[] { "httpGet", "tcpSocket", "exec", "grpc" }.Where(h => node.At(h) is not null).ToList();
                        Assert.That(handlers, Has.Count.EqualTo(1), $"{where}: {probe} needs exactly one handler");
                        foreach (var handler in new[] { "httpGet", "tcpSocket", "grpc" })
                        {
                            if (node.Str($"{handler}.port") is { } port)
                            {
                                Assert.That(K8s.DeclaredPort(c, port), Is.Not.Null, $"{where}: {probe} port '{port}' is not a declared TCP port");
                            }
                        }

                        if (node.At("exec") is not null)
                        {
                            Assert.That(node.Seq("exec.command"), Is.Not.Empty, $"{where}: {probe} exec.command");
                        }
                    }
                }
            }
        });
    }

    [Test]
    public void Every_service_is_a_deployment_with_replicas_and_probes_on_its_health_endpoints()
    {
        Assert.Multiple(() =>
        {
            foreach (var service in ServiceCatalog.All)
            {
                var w = K8s.Deployment(service.Name);
                Assert.That(w, Is.Not.Null, $"no Deployment {service.Name}");
                if (w is null)
                {
                    continue;
                }

                Assert.That(w.Replicas, Is.GreaterThanOrEqualTo(2), $"{w}: replicas (one pod is no scale-out and no availability)");
                var c = w.Containers.Single();
                Assert.That(c.Str("image"), Does.StartWith($"correlation/{service.Name}:"), $"{w}: image");
                Assert.That(c.Str("readinessProbe.httpGet.path"), Is.EqualTo("/health/ready"), $"{w}: readiness asks for Redis and the bus");
                foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
                {
                    Assert.That(CodeFacts.HealthRoutes, Does.Contain(c.Str($"{probe}.httpGet.path")), $"{w}: {probe} path is not a health route the service maps");
                }

                Assert.That(c.Str("livenessProbe.httpGet.path"), Is.EqualTo("/health/live"),
                    $"{w}: liveness must not depend on Redis or the broker, or an outage restarts every pod");
            }
        });
    }

    [Test]
    public void Services_select_pods_of_a_workload_and_target_ports_they_declare()
    {
        Assert.Multiple(() =>
        {
            foreach (var s in K8s.OfKind("Service"))
            {
                var selector = s.Root.StrMap("spec.selector");
                var pods = K8s.Workloads.Where(w => selector.IsSubsetOf(w.PodLabels)).ToList();
                Assert.That(pods, Is.Not.Empty, $"{s}: selector matches no workload's pods");
                Assert.That(s.Root.Maps("spec.ports"), Is.Not.Empty, $"{s}: ports");
                foreach (var port in s.Root.Maps("spec.ports"))
                {
                    var target = port.Str("targetPort") ?? port.Str("port")!;
                    var protocol = port.Str("protocol") ?? "TCP";
                    foreach (var w in pods)
                    {
                        Assert.That(w.Containers.Any(c => K8s.DeclaredPort(c, target, protocol) is not null), Is.True,
                            $"{s}: port {port.Str("name")} targets {target}/{protocol}, which {w} does not declare");
                    }
                }
            }
        });
    }

    [Test]
    public void Referenced_config_maps_secrets_and_volumes_exist()
    {
        Assert.Multiple(() =>
        {
            foreach (var w in K8s.Workloads)
            {
                var volumes = w.Pod.Maps("volumes").ToList();
                var claims = w.Manifest.Root.Maps("spec.volumeClaimTemplates").Select(v => v.Str("metadata.name")).ToList();
                foreach (var v in volumes)
                {
                    if (v.Str("configMap.name") is { } cm)
                    {
                        var map = K8s.Find("ConfigMap", cm);
                        Assert.That(map, Is.Not.Null, $"{w}: volume {v.Str("name")} names ConfigMap {cm}, which does not exist");
                        foreach (var item in v.Maps("configMap.items"))
                        {
                            Assert.That(map?.Root.Keys("data"), Does.Contain(item.Str("key")), $"{w}: ConfigMap {cm} has no key {item.Str("key")}");
                        }
                    }

                    if (v.Str("secret.secretName") is { } secret)
                    {
                        var found = K8s.Find("Secret", secret);
                        Assert.That(found, Is.Not.Null, $"{w}: volume {v.Str("name")} names Secret {secret}, which does not exist");
                        foreach (var item in v.Maps("secret.items"))
                        {
                            Assert.That(SecretKeys(found), Does.Contain(item.Str("key")), $"{w}: Secret {secret} has no key {item.Str("key")}");
                        }
                    }
                }

                foreach (var c in w.AllContainers)
                {
                    var where = $"{w} container {c.Str("name")}";
                    foreach (var mount in c.Maps("volumeMounts"))
                    {
                        var name = mount.Str("name");
                        Assert.That(volumes.Any(v => v.Str("name") == name) || claims.Contains(name), Is.True, $"{where}: mounts unknown volume {name}");
                    }

                    foreach (var (name, _, entry) in K8s.Env(c))
                    {
                        foreach (var (kind, refPath) in new[] { ("Secret", "valueFrom.secretKeyRef"), ("ConfigMap", "valueFrom.configMapKeyRef") })
                        {
                            if (entry.At(refPath) is not { } reference || reference.Str("optional") == "true")
                            {
                                continue;
                            }

                            var target = K8s.Find(kind, reference.Str("name"));
                            Assert.That(target, Is.Not.Null, $"{where}: {name} refers to {kind} {reference.Str("name")}, which does not exist");
                            var keys = kind == "Secret" ? SecretKeys(target) : target?.Root.Keys("data") ?? [];
                            Assert.That(keys, Does.Contain(reference.Str("key")), $"{where}: {name} refers to key {reference.Str("key")} missing from {kind} {reference.Str("name")}");
                        }
                    }

                    foreach (var from in c.Maps("envFrom"))
                    {
                        Assert.That(K8s.Find("ConfigMap", from.Str("configMapRef.name")) ?? K8s.Find("Secret", from.Str("secretRef.name")), Is.Not.Null, $"{where}: envFrom");
                    }
                }
            }
        });
    }

    [Test]
    public void Files_named_by_settings_are_in_the_mounted_config_map()
    {
        Assert.Multiple(() =>
        {
            foreach (var service in ServiceCatalog.All)
            {
                var w = K8s.Deployment(service.Name);
                if (w is null)
                {
                    continue;
                }

                var c = w.Containers.Single();
                foreach (var (name, value, _) in K8s.Env(c).Where(e => e.Value?.StartsWith('/') == true))
                {
                    var directory = Path.GetDirectoryName(value)!;
                    var mount = c.Maps("volumeMounts").FirstOrDefault(m => m.Str("mountPath") == directory);
                    var volume = w.Pod.Maps("volumes").FirstOrDefault(v => v.Str("name") == mount?.Str("name"));
                    var map = K8s.Find("ConfigMap", volume?.Str("configMap.name"));
                    Assert.That(map, Is.Not.Null, $"{w}: {name}={value}, but no ConfigMap is mounted at {directory}");
                    Assert.That(map?.Root.Keys("data"), Does.Contain(Path.GetFileName(value)), $"{w}: {name}={value}: the mounted ConfigMap has no such file");
                }
            }
        });
    }

    [Test]
    public void Config_map_of_config_files_matches_deploy_config()
    {
        var map = K8s.Find("ConfigMap", "correlation-config");
        Assert.That(map, Is.Not.Null);
        var data = map!.Root.StrMap("data");
        Assert.That(data, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var (file, content) in data)
            {
                var source = Path.Combine(Repo.Deploy, "config", file);
                Assert.That(File.Exists(source), Is.True, $"{file} is not in deploy/config");
                if (File.Exists(source))
                {
                    Assert.That(content, Is.EqualTo(File.ReadAllText(source)),
                        $"deploy/k8s/config-files.yaml is out of date for {file}: run deploy/k8s/sync-config.sh");
                }
            }
        });
    }

    [Test]
    public void Env_names_are_settings_the_service_binds()
    {
        Assert.Multiple(() =>
        {
            foreach (var service in ServiceCatalog.All)
            {
                foreach (var c in K8s.Deployment(service.Name)?.Containers ?? [])
                {
                    foreach (var (name, value, _) in K8s.Env(c))
                    {
                        Assert.That(Settings.Check(service, name, value), Is.Null, $"Deployment {service.Name}");
                    }
                }
            }
        });
    }

    [Test]
    public void Container_ports_are_the_ports_the_services_listen_on()
    {
        Assert.Multiple(() =>
        {
            foreach (var service in ServiceCatalog.All)
            {
                var c = K8s.Deployment(service.Name)?.Containers.Single();
                if (c is null)
                {
                    continue;
                }

                var env = K8s.Env(c).ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
                var expected = Listeners.Of(service, name => env.GetValueOrDefault(name));
                var declared = c.Maps("ports").Select(p => (Port: int.Parse(p.Str("containerPort")!, System.Globalization.CultureInfo.InvariantCulture), Protocol: p.Str("protocol") ?? "TCP")).ToList();
                Assert.That(declared, Is.EquivalentTo(expected.Select(l => (l.Port, l.Protocol))), $"Deployment {service.Name}: container ports");
                foreach (var (setting, address) in Listeners.Addresses(service, name => env.GetValueOrDefault(name)))
                {
                    Assert.That(Listeners.IsLoopback(address), Is.False, $"Deployment {service.Name}: {setting}={address} would listen inside the pod only");
                }
            }

            var udp = K8s.OfKind("Service").Where(s => s.Root.StrMap("spec.selector").IsSubsetOf(K8s.Deployment("ingest-nms")!.PodLabels))
                .SelectMany(s => s.Root.Maps("spec.ports")).Where(p => p.Str("protocol") == "UDP").Select(p => p.Str("targetPort"));
            Assert.That(udp, Is.SupersetOf(new[] { "snmp", "syslog-udp" }), "ingest-nms needs a Service with its UDP ports");
        });
    }

    [Test]
    public void Scaled_objects_target_a_deployment_and_watch_queues_it_consumes()
    {
        var scaled = K8s.OfKind("ScaledObject").ToList();
        Assert.That(scaled, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var s in scaled)
            {
                Assert.That(s.Root.Str("spec.scaleTargetRef.kind") ?? "Deployment", Is.EqualTo("Deployment"), $"{s}: scaleTargetRef.kind");
                var target = s.Root.Str("spec.scaleTargetRef.name");
                var deployment = K8s.Deployment(target ?? "");
                Assert.That(deployment, Is.Not.Null, $"{s}: scaleTargetRef names no Deployment ('{target}')");
                var service = ServiceCatalog.All.SingleOrDefault(x => x.Name == target);
                Assert.That(service, Is.Not.Null, $"{s}: {target} is not one of the services");
                Assert.That(s.Root.Number("spec.minReplicaCount"), Is.GreaterThanOrEqualTo(2), $"{s}: minReplicaCount");
                Assert.That(s.Root.Number("spec.maxReplicaCount"), Is.GreaterThanOrEqualTo(s.Root.Number("spec.minReplicaCount") ?? 2), $"{s}: maxReplicaCount");
                var triggers = s.Root.Maps("spec.triggers").ToList();
                Assert.That(triggers, Is.Not.Empty, $"{s}: triggers");
                foreach (var t in triggers)
                {
                    Assert.That(t.Str("type"), Is.EqualTo("rabbitmq"), $"{s}: trigger type");
                    var queue = t.Str("metadata.queueName");
                    if (service is not null)
                    {
                        Assert.That(CodeFacts.ReceiveEndpoints(service), Does.Contain(queue),
                            $"{s}: queue '{queue}' is not a receive endpoint of {service.Project} (it has: {string.Join(", ", CodeFacts.ReceiveEndpoints(service))})");
                    }

                    Assert.That(t.Str("metadata.mode"), Is.AnyOf("QueueLength", "MessageRate"), $"{s}: trigger mode");
                    Assert.That(int.TryParse(t.Str("metadata.value"), out var v) && v > 0, Is.True, $"{s}: trigger value");
                    var auth = K8s.Find("TriggerAuthentication", t.Str("authenticationRef.name"));
                    Assert.That(auth, Is.Not.Null, $"{s}: authenticationRef names no TriggerAuthentication");
                    foreach (var secretRef in auth?.Root.Maps("spec.secretTargetRef") ?? [])
                    {
                        Assert.That(SecretKeys(K8s.Find("Secret", secretRef.Str("name"))), Does.Contain(secretRef.Str("key")), $"{auth}: secret key");
                    }
                }
            }
        });
    }

    [Test]
    public void Workers_scale_on_queue_depth_and_ingest_on_cpu()
    {
        var scaled = K8s.OfKind("ScaledObject").Select(s => s.Root.Str("spec.scaleTargetRef.name")).ToList();
        var hpas = K8s.OfKind("HorizontalPodAutoscaler").ToList();
        Assert.Multiple(() =>
        {
            foreach (var service in ServiceCatalog.All)
            {
                if (service.IsIngest)
                {
                    var hpa = hpas.SingleOrDefault(h => h.Root.Str("spec.scaleTargetRef.name") == service.Name);
                    Assert.That(hpa, Is.Not.Null, $"{service.Name}: HorizontalPodAutoscaler");
                    Assert.That(hpa?.Root.Str("spec.scaleTargetRef.kind"), Is.EqualTo("Deployment"), $"{hpa}: scaleTargetRef.kind");
                    Assert.That(hpa?.Root.Maps("spec.metrics").Any(m => m.Str("resource.name") == "cpu"), Is.True, $"{hpa}: a CPU metric");
                    Assert.That(hpa?.Root.Number("spec.minReplicas"), Is.GreaterThanOrEqualTo(2), $"{hpa}: minReplicas");
                }
                else if (service.Name != "console")
                {
                    Assert.That(scaled, Does.Contain(service.Name), $"{service.Name}: a ScaledObject on its queues");
                }
            }

            Assert.That(hpas.Select(h => h.Root.Str("spec.scaleTargetRef.name")).Intersect(scaled), Is.Empty,
                "a Deployment with both an HPA and a ScaledObject (KEDA makes its own HPA) would be fought over");
            Assert.That(hpas.Select(h => h.Root.Str("spec.scaleTargetRef.name")).Where(n => K8s.Deployment(n ?? "") is null), Is.Empty, "HPA targets");
        });
    }

    [Test]
    public void Pod_disruption_budgets_select_a_workload_and_leave_it_room_to_move()
    {
        var budgets = K8s.OfKind("PodDisruptionBudget").ToList();
        Assert.Multiple(() =>
        {
            foreach (var b in budgets)
            {
                var selector = b.Root.StrMap("spec.selector.matchLabels");
                var workloads = K8s.Workloads.Where(w => selector.IsSubsetOf(w.PodLabels)).ToList();
                Assert.That(workloads, Has.Count.EqualTo(1), $"{b}: selector must match one workload's pods");
                var min = b.Root.Number("spec.minAvailable");
                var max = b.Root.Number("spec.maxUnavailable");
                Assert.That(min is null ^ max is null, Is.True, $"{b}: exactly one of minAvailable and maxUnavailable (as a number)");
                if (workloads.Count == 1 && min is { } m)
                {
                    Assert.That(m, Is.LessThan(workloads[0].Replicas), $"{b}: minAvailable {m} of {workloads[0].Replicas} replicas blocks every drain");
                }

                if (max is { } x)
                {
                    Assert.That(x, Is.GreaterThanOrEqualTo(1), $"{b}: maxUnavailable");
                }
            }

            foreach (var w in K8s.Workloads)
            {
                Assert.That(budgets.Any(b => b.Root.StrMap("spec.selector.matchLabels").IsSubsetOf(w.PodLabels)), Is.True, $"{w}: no PodDisruptionBudget");
            }
        });
    }

    [Test]
    public void Rabbitmq_is_a_cluster_of_three_with_k8s_peer_discovery_and_quorum_queues_by_default()
    {
        var sts = K8s.Workloads.Single(w => w.Kind == "StatefulSet" && w.Name == "rabbitmq");
        var config = K8s.Find("ConfigMap", sts.Pod.Maps("volumes").Select(v => v.Str("configMap.name")).Single(n => n is not null))!;
        var conf = ConfLines(config.Root.StrMap("data").GetValueOrDefault("rabbitmq.conf") ?? "");
        var plugins = config.Root.StrMap("data").GetValueOrDefault("enabled_plugins") ?? "";
        var headless = sts.Manifest.Root.Str("spec.serviceName");
        Assert.Multiple(() =>
        {
            Assert.That(sts.Replicas, Is.EqualTo(3));
            Assert.That(conf.GetValueOrDefault("default_queue_type"), Is.EqualTo("quorum"));
            Assert.That(conf.GetValueOrDefault("cluster_formation.peer_discovery_backend"), Is.AnyOf("rabbit_peer_discovery_k8s", "k8s"));
            Assert.That(plugins, Does.Contain("rabbitmq_peer_discovery_k8s"));
            Assert.That(conf.GetValueOrDefault("cluster_formation.k8s.service_name"), Is.EqualTo(headless));
            Assert.That(conf.GetValueOrDefault("cluster_formation.k8s.hostname_suffix"), Is.EqualTo($".{headless}.{Namespace}.svc.cluster.local"),
                "the node names are pod.headless-service.namespace");
            var account = sts.Pod.Str("serviceAccountName");
            Assert.That(K8s.Find("ServiceAccount", account), Is.Not.Null, "the peer discovery's service account");
            var binding = K8s.OfKind("RoleBinding").SingleOrDefault(b => b.Root.Maps("subjects").Any(s => s.Str("name") == account));
            var role = K8s.Find("Role", binding?.Root.Str("roleRef.name"));
            Assert.That(role?.Root.Maps("rules").Any(r => r.Seq("resources").OfType<YamlScalarNode>().Any(x => x.Value == "endpoints")), Is.True,
                "peer discovery reads the headless Service's endpoints");
            Assert.That(CodeFacts.ReceiveEndpoints(ServiceCatalog.ByName("correlator")), Is.Not.Empty);
        });
    }

    [Test]
    public void Redis_has_three_sentinels_and_the_services_connect_through_them()
    {
        var sts = K8s.Workloads.Single(w => w.Kind == "StatefulSet" && w.Name == "redis");
        var references = K8s.Workloads.SelectMany(w => w.Containers).SelectMany(K8s.Env).Where(e => e.Name == "Redis__Configuration").ToList();
        Assert.That(references, Has.Count.EqualTo(ServiceCatalog.All.Count), "every service names its Redis");
        var reference = references.Select(r => (Secret: r.Entry.Str("valueFrom.secretKeyRef.name"), Key: r.Entry.Str("valueFrom.secretKeyRef.key"))).Distinct().Single();
        var configuration = K8s.Find("Secret", reference.Secret)?.Root.StrMap("stringData").GetValueOrDefault(reference.Key!) ?? "";
        var parts = configuration.Split(',');
        var serviceName = parts.Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0] == "serviceName").Select(p => p[1]).SingleOrDefault();
        var endpoint = parts[0].Split(':');
        var init = K8s.Find("ConfigMap", sts.Pod.Maps("volumes").Select(v => v.Str("configMap.name")).Single(n => n is not null))!.Root.StrMap("data").Values;
        Assert.Multiple(() =>
        {
            Assert.That(sts.Replicas, Is.EqualTo(3));
            Assert.That(sts.Containers.Count(c => K8s.DeclaredPort(c, "26379") is not null), Is.EqualTo(1), "a Sentinel in every Redis pod");
            Assert.That(serviceName, Is.Not.Null.And.Not.Empty, "Redis:Configuration needs serviceName= to go through the Sentinels");
            Assert.That(init.Any(s => Regex.IsMatch(s, $@"sentinel monitor {Regex.Escape(serviceName ?? "?")} \S+ 6379 2\b")), Is.True,
                "the Sentinels monitor the master under the name the services ask for, with a quorum of 2");
            Assert.That(init.Any(s => s.Contains("appendonly yes", StringComparison.Ordinal)), Is.True, "append-only file on");
            var service = K8s.Find("Service", endpoint[0].Split('.')[0]);
            Assert.That(service?.Root.Maps("spec.ports").Select(p => p.Str("port")), Does.Contain(endpoint.ElementAtOrDefault(1)),
                $"{endpoint[0]} must be a Service with the Sentinel port");
        });
    }

    [Test]
    public void Secrets_hold_placeholders_only()
    {
        Assert.Multiple(() =>
        {
            foreach (var s in K8s.OfKind("Secret"))
            {
                Assert.That(s.Root.At("data"), Is.Null, $"{s}: base64 data would hide what is in it; use stringData placeholders");
                foreach (var (key, value) in s.Root.StrMap("stringData").Where(kv => kv.Key != "username"))
                {
                    Assert.That(value, Does.Contain("CHANGE-ME"), $"{s}: {key} must be a placeholder");
                }
            }
        });
    }

    private static IEnumerable<string> SecretKeys(Manifest? secret) =>
        secret is null ? [] : secret.Root.Keys("stringData").Concat(secret.Root.Keys("data"));

    private static Dictionary<string, string> ConfLines(string conf) =>
        conf.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
}
