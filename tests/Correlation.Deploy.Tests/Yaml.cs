using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Correlation.Deploy.Tests;

/// <summary>One YAML document of a manifest file.</summary>
public sealed record Manifest(string File, int Index, YamlMappingNode Root)
{
    public string? ApiVersion => Root.Str("apiVersion");

    public string? Kind => Root.Str("kind");

    public string? Name => Root.Str("metadata.name");

    public override string ToString() => $"{Kind} {Name} ({System.IO.Path.GetFileName(File)} #{Index + 1})";
}

/// <summary>Small accessors over YamlDotNet's representation model: dotted paths of mapping keys.</summary>
public static class Yaml
{
    public static List<YamlMappingNode> LoadDocuments(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()];
    }

    public static YamlNode? At(this YamlNode? node, string path)
    {
        foreach (var key in path.Split('.'))
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out node))
            {
                return null;
            }
        }

        return node;
    }

    public static string? Str(this YamlNode? node, string path) => (node.At(path) as YamlScalarNode)?.Value;

    public static int? Number(this YamlNode? node, string path) =>
        int.TryParse(node.Str(path), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static IEnumerable<YamlNode> Seq(this YamlNode? node, string path) =>
        node.At(path) is YamlSequenceNode seq ? seq.Children : [];

    public static IEnumerable<YamlMappingNode> Maps(this YamlNode? node, string path) => node.Seq(path).OfType<YamlMappingNode>();

    /// <summary>A mapping of scalars (labels, data) as a dictionary; empty when absent.</summary>
    public static Dictionary<string, string> StrMap(this YamlNode? node, string path) =>
        node.At(path) is YamlMappingNode map
            ? map.Children.Where(c => c.Value is YamlScalarNode).ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    public static IEnumerable<string> Keys(this YamlNode? node, string path) =>
        node.At(path) is YamlMappingNode map ? map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!) : [];

    public static bool IsSubsetOf(this IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);
}
