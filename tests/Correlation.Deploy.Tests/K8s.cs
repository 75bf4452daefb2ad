using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Correlation.Deploy.Tests;

/// <summary>A Deployment or StatefulSet: what its pods carry.</summary>
public sealed record Workload(Manifest Manifest, YamlMappingNode Pod)
{
    public string Name => Manifest.Name!;

    public string Kind => Manifest.Kind!;

    public Dictionary<string, string> PodLabels => Manifest.Root.StrMap("spec.template.metadata.labels");

    public IEnumerable<YamlMappingNode> Containers => Pod.Maps("containers");

    public IEnumerable<YamlMappingNode> AllContainers => Pod.Maps("initContainers").Concat(Containers);

    public int Replicas => Manifest.Root.Number("spec.replicas") ?? 1;

    public override string ToString() => Manifest.ToString();
}

/// <summary>The manifests under deploy/k8s, loaded once.</summary>
public static class K8s
{
    public static string KustomizationPath => Path.Combine(Repo.K8s, "kustomization.yaml");

    public static YamlMappingNode Kustomization { get; } = Yaml.LoadDocuments(KustomizationPath).Single();

    public static IReadOnlyList<string> ManifestFiles { get; } =
        [.. Directory.GetFiles(Repo.K8s, "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml").Order(StringComparer.Ordinal)];

    public static IReadOnlyList<Manifest> All { get; } =
        [.. ManifestFiles.SelectMany(f => Yaml.LoadDocuments(f).Select((d, i) => new Manifest(f, i, d)))];

    public static IEnumerable<Manifest> OfKind(string kind) => All.Where(m => m.Kind == kind);

    public static Manifest? Find(string kind, string? name) => All.FirstOrDefault(m => m.Kind == kind && m.Name == name);

    public static IReadOnlyList<Workload> Workloads { get; } =
        [.. All.Where(m => m.Kind is "Deployment" or "StatefulSet")
            .Select(m => new Workload(m, m.Root.At("spec.template.spec") as YamlMappingNode ?? new YamlMappingNode()))];

    public static Workload? Deployment(string name) => Workloads.FirstOrDefault(w => w.Kind == "Deployment" && w.Name == name);

    /// <summary>A container's env entries: name, literal value (null when from a reference), the entry.</summary>
    public static IEnumerable<(string Name, string? Value, YamlMappingNode Entry)> Env(YamlMappingNode container) =>
        container.Maps("env").Select(e => (e.Str("name")!, e.At("valueFrom") is null ? e.Str("value") ?? "" : null, e));

    /// <summary>Whether the container declares the port a probe or Service names (by name or number).</summary>
    public static YamlMappingNode? DeclaredPort(YamlMappingNode container, string port, string protocol = "TCP") =>
        container.Maps("ports").FirstOrDefault(p =>
            (p.Str("name") == port || p.Str("containerPort") == port) && (p.Str("protocol") ?? "TCP") == protocol);

    /// <summary>CPU in millicores or memory in bytes, from a Kubernetes quantity.</summary>
    public static decimal Quantity(string value)
    {
        var units = new (string Suffix, decimal Factor)[]
        {
            ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024),
            ("k", 1000m), ("M", 1000m * 1000), ("G", 1000m * 1000 * 1000), ("m", 0.001m),
        };
        foreach (var (suffix, factor) in units)
        {
            if (value.EndsWith(suffix, StringComparison.Ordinal))
            {
                return decimal.Parse(value[..^suffix.Length], CultureInfo.InvariantCulture) * factor;
            }
        }

        return decimal.Parse(value, CultureInfo.InvariantCulture);
    }
}
