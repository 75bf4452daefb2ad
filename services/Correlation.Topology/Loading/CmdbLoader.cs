namespace Correlation.Topology;

/// <summary>
/// Loads a CMDB YAML file (top-level keys sites, devices, links, services, teams; see
/// deploy/config/README.md) into a validated <see cref="NetworkTopology"/>. Every problem is collected
/// with its file, line and column: the schema ones here (unknown or missing keys, wrong shapes, unknown
/// roles), the rest by <see cref="TopologyBuilder"/>, which applies the same rules to topologies built in
/// code.
/// </summary>
public static class CmdbLoader
{
    /// <summary>The top-level keys of a CMDB file.</summary>
    public static IReadOnlyList<string> Sections { get; } = ["sites", "devices", "links", "services", "teams"];

    /// <exception cref="CmdbValidationException">The file cannot be read or is not a valid CMDB.</exception>
    public static NetworkTopology Load(string path)
    {
        var result = TryLoad(path);
        return result.Topology ?? throw new CmdbValidationException(result.Problems);
    }

    /// <param name="yaml">The CMDB text.</param>
    /// <param name="path">The name problems are reported against.</param>
    /// <exception cref="CmdbValidationException">The text is not a valid CMDB.</exception>
    public static NetworkTopology Parse(string yaml, string path = "cmdb.yaml")
    {
        var result = TryParse(yaml, path);
        return result.Topology ?? throw new CmdbValidationException(result.Problems);
    }

    public static CmdbLoadResult TryLoad(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new CmdbLoadResult(null, [new(ProblemSeverity.Error, "cannot read the CMDB: " + e.Message, new(path, 0, 0))]);
        }
        return TryParse(text, path);
    }

    public static CmdbLoadResult TryParse(string yaml, string path = "cmdb.yaml")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(path);
        var problems = new List<TopologyProblem>();
        using var reader = new StringReader(yaml);
        var root = YamlTree.Read(reader, path, problems);
        if (root is null)
        {
            if (problems.Count == 0)
            {
                problems.Add(new(ProblemSeverity.Error,
                    $"the file holds no CMDB; expected the top-level keys {string.Join(", ", Sections)}", new(path, 1, 1)));
            }
            return new CmdbLoadResult(null, problems);
        }

        var builder = new TopologyBuilder();
        new SchemaReader(problems, builder).Read(root);
        foreach (var problem in problems)
        {
            builder.AddProblem(problem);
        }
        builder.TryBuild(out var topology, out var all);
        return new CmdbLoadResult(topology, all);
    }

    /// <summary>Turns the YAML tree into builder entries, reporting everything that does not fit the schema.</summary>
    private sealed class SchemaReader(List<TopologyProblem> problems, TopologyBuilder builder)
    {
        private static readonly string[] SiteKeys = ["id", "name", "region"];
        private static readonly string[] DeviceKeys = ["id", "name", "role", "site", "team", "aliases"];
        private static readonly string[] LinkKeys = ["id", "a", "b", "kind", "redundancy-group"];
        private static readonly string[] ServiceKeys = ["id", "name", "criticality", "team", "depends-on", "customers"];
        private static readonly string[] DependsOnKeys = ["devices", "services"];
        private static readonly string[] TeamKeys = ["id", "name"];

        public void Read(YamlTreeNode root)
        {
            if (root is not YamlTreeMapping mapping)
            {
                Error($"the CMDB must be a mapping with the top-level keys {string.Join(", ", Sections)}", root.At);
                return;
            }
            foreach (var (key, value) in mapping.Entries)
            {
                Action<EntryReader>? read = key.Value switch
                {
                    "sites" => ReadSite,
                    "devices" => ReadDevice,
                    "links" => ReadLink,
                    "services" => ReadService,
                    "teams" => ReadTeam,
                    _ => null,
                };
                if (read is null)
                {
                    Error($"unknown top-level key '{key.Value}'{Suggest.Hint(key.Value, Sections)}; " +
                          $"expected {string.Join(", ", Sections)}", key.At);
                    continue;
                }
                ReadSection(key.Value, value, read);
            }
        }

        private void ReadSection(string section, YamlTreeNode value, Action<EntryReader> read)
        {
            if (value is YamlTreeScalar { IsNull: true })
            {
                return;
            }
            if (value is not YamlTreeSequence sequence)
            {
                Error($"'{section}' must be a list of entries, each starting with '- '", value.At);
                return;
            }
            var kind = section[..^1];
            foreach (var item in sequence.Items)
            {
                if (item is YamlTreeMapping entry)
                {
                    read(new EntryReader(entry, kind, problems));
                }
                else
                {
                    Error($"each entry of '{section}' must be a mapping of fields (such as 'id: ...'), not a single value or list", item.At);
                }
            }
        }

        private void ReadSite(EntryReader entry)
        {
            var id = entry.Id();
            var name = entry.Text("name");
            var region = entry.Text("region");
            entry.RejectUnknownKeys(SiteKeys);
            if (id is not null)
            {
                var site = new Site { Id = id, Region = region };
                builder.AddSite(name is null ? site : site with { Name = name }, entry.Source);
            }
        }

        private void ReadDevice(EntryReader entry)
        {
            var id = entry.Id();
            var name = entry.Text("name");
            var role = entry.Choice("role", DeviceRole.Other, required: true);
            var site = entry.Text("site");
            var team = entry.Text("team");
            var aliases = entry.List("aliases");
            entry.RejectUnknownKeys(DeviceKeys);
            if (id is not null)
            {
                var device = new Device { Id = id, Role = role, SiteId = site, TeamId = team, Aliases = aliases };
                builder.AddDevice(name is null ? device : device with { Name = name }, entry.Source);
            }
        }

        private void ReadLink(EntryReader entry)
        {
            var id = entry.Text("id");
            entry.Name(id);
            var a = entry.Text("a", required: true);
            var b = entry.Text("b", required: true);
            if (id is null && a is not null && b is not null)
            {
                entry.Name($"{a}--{b}");
            }
            var kind = entry.Choice("kind", LinkKind.Ethernet);
            var group = entry.Text("redundancy-group");
            entry.RejectUnknownKeys(LinkKeys);
            if (a is not null && b is not null)
            {
                var link = new Link { A = a, B = b, Kind = kind, RedundancyGroup = group };
                builder.AddLink(id is null ? link : link with { Id = id }, entry.Source);
            }
        }

        private void ReadService(EntryReader entry)
        {
            var id = entry.Id();
            var name = entry.Text("name");
            var criticality = entry.Choice("criticality", Criticality.Medium, required: true);
            var team = entry.Text("team");
            var customers = entry.List("customers");
            IReadOnlyList<string> devices = [], services = [];
            if (entry.Mapping("depends-on") is { } dependsOn)
            {
                devices = dependsOn.List("devices");
                services = dependsOn.List("services");
                dependsOn.RejectUnknownKeys(DependsOnKeys);
            }
            entry.RejectUnknownKeys(ServiceKeys);
            if (id is not null)
            {
                var service = new Service
                {
                    Id = id,
                    Criticality = criticality,
                    TeamId = team,
                    Customers = customers,
                    DependsOnDevices = devices,
                    DependsOnServices = services,
                };
                builder.AddService(name is null ? service : service with { Name = name }, entry.Source);
            }
        }

        private void ReadTeam(EntryReader entry)
        {
            var id = entry.Id();
            var name = entry.Text("name");
            entry.RejectUnknownKeys(TeamKeys);
            if (id is not null)
            {
                var team = new Team { Id = id };
                builder.AddTeam(name is null ? team : team with { Name = name }, entry.Source);
            }
        }

        private void Error(string message, SourceLocation at) => problems.Add(new(ProblemSeverity.Error, message, at));
    }

    /// <summary>
    /// Reads the fields of one entry, remembering where each value is so that later problems (an unknown
    /// site, a cycle) point at the value rather than the entry.
    /// </summary>
    private sealed class EntryReader
    {
        private readonly YamlTreeMapping _mapping;
        private readonly string _kind;
        private readonly string _prefix;
        private readonly List<TopologyProblem> _problems;
        private readonly Dictionary<string, SourceLocation> _fields;
        private readonly EntryReader? _parent;
        private string? _id;

        public EntryReader(YamlTreeMapping mapping, string kind, List<TopologyProblem> problems)
            : this(mapping, kind, "", problems, new Dictionary<string, SourceLocation>(StringComparer.Ordinal), null)
        {
        }

        private EntryReader(YamlTreeMapping mapping, string kind, string prefix, List<TopologyProblem> problems,
            Dictionary<string, SourceLocation> fields, EntryReader? parent)
        {
            _mapping = mapping;
            _kind = kind;
            _prefix = prefix;
            _problems = problems;
            _fields = fields;
            _parent = parent;
            Source = new EntrySource(mapping.At, fields);
        }

        public EntrySource Source { get; }

        private string What => (_parent ?? this)._id is { } id ? $"{_kind} '{id}'" : $"a {_kind} entry";

        /// <summary>The required id, also used to name the entry in later messages.</summary>
        public string? Id()
        {
            var id = Text("id", required: true);
            Name(id);
            return id;
        }

        public void Name(string? id) => _id = id;

        public string? Text(string key, bool required = false)
        {
            var node = Find(key);
            switch (node)
            {
                case null or YamlTreeScalar { IsNull: true }:
                    if (required)
                    {
                        Error(node is null
                            ? $"{What} is missing the required field '{_prefix}{key}'"
                            : $"{What} has an empty '{_prefix}{key}'", node?.At ?? _mapping.At);
                    }
                    return null;
                case YamlTreeScalar scalar:
                    _fields[_prefix + key] = scalar.At;
                    return scalar.Value.Trim();
                default:
                    Error($"'{_prefix}{key}' of {What} must be a single value, not a list or mapping", node.At);
                    return null;
            }
        }

        /// <summary>A list of plain values; a single value is taken as a list of one.</summary>
        public List<string> List(string key)
        {
            var node = Find(key);
            var field = _prefix + key;
            switch (node)
            {
                case null or YamlTreeScalar { IsNull: true }:
                    return [];
                case YamlTreeScalar scalar:
                    _fields[field + "[0]"] = scalar.At;
                    return [scalar.Value.Trim()];
                case YamlTreeSequence sequence:
                    var values = new List<string>(sequence.Items.Count);
                    foreach (var item in sequence.Items)
                    {
                        if (item is YamlTreeScalar { IsNull: false } value)
                        {
                            _fields[$"{field}[{values.Count}]"] = value.At;
                            values.Add(value.Value.Trim());
                        }
                        else
                        {
                            Error($"each item of '{field}' of {What} must be a single value", item.At);
                        }
                    }
                    return values;
                default:
                    Error($"'{field}' of {What} must be a list, like [a, b]", node.At);
                    return [];
            }
        }

        public T Choice<T>(string key, T fallback, bool required = false) where T : struct, Enum
        {
            var text = Text(key, required);
            if (text is null)
            {
                return fallback;
            }
            if (CmdbNames.TryParse<T>(text, out var value))
            {
                return value;
            }
            var all = Enum.GetValues<T>().Select(CmdbNames.Of);
            Error($"{What} has unknown {key} '{text}'{Suggest.Hint(text, all)}; expected one of {CmdbNames.AllOf<T>()}",
                _fields[_prefix + key]);
            return fallback;
        }

        public EntryReader? Mapping(string key)
        {
            var node = Find(key);
            switch (node)
            {
                case null or YamlTreeScalar { IsNull: true }:
                    return null;
                case YamlTreeMapping mapping:
                    return new EntryReader(mapping, _kind, $"{_prefix}{key}.", _problems, _fields, _parent ?? this);
                default:
                    Error($"'{_prefix}{key}' of {What} must be a mapping with the keys devices and services", node.At);
                    return null;
            }
        }

        /// <summary>A misspelt key would otherwise be silently ignored, and the field it meant left empty.</summary>
        public void RejectUnknownKeys(string[] allowed)
        {
            foreach (var (key, _) in _mapping.Entries)
            {
                if (!allowed.Contains(key.Value, StringComparer.Ordinal))
                {
                    Error($"unknown key '{_prefix}{key.Value}' in {What}{Suggest.Hint(key.Value, allowed)}; " +
                          $"expected {string.Join(", ", allowed)}", key.At);
                }
            }
        }

        private YamlTreeNode? Find(string key)
        {
            foreach (var (k, value) in _mapping.Entries)
            {
                if (string.Equals(k.Value, key, StringComparison.Ordinal))
                {
                    return value;
                }
            }
            return null;
        }

        private void Error(string message, SourceLocation at) => _problems.Add(new(ProblemSeverity.Error, message, at));
    }
}
