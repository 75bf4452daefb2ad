using System.Globalization;
using Correlation.Contracts;
using Correlation.Topology;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Correlation.Router.Configuration;

/// <summary>
/// Reads the routing files (rules, webhooks, roster, team templates, escalation, maintenance windows). A
/// section may live in any of the files but only in one; sections no file gives keep the built-in defaults.
/// Every problem is reported with its file, line and reason, all of them at once.
/// </summary>
public static class RoutingConfigLoader
{
    private static readonly string[] Sections = ["rules", "fallback", "webhooks", "roster", "teams", "escalation", "maintenance"];

    /// <summary>What the router does with no routing files: the walking skeleton's routes by priority, and default escalation.</summary>
    public static RoutingConfig BuiltIn { get; } = new(
        [
            new("p1", new RuleMatch(new HashSet<IncidentPriority> { IncidentPriority.P1 }, null, null, null, null, null, null),
                [Destination.Function("incident-coordinator"), Destination.Function("network-infrastructure")], true),
            new("p2", new RuleMatch(new HashSet<IncidentPriority> { IncidentPriority.P2 }, null, null, null, null, null, null),
                [Destination.Function("network-infrastructure")], true),
            new("p3", new RuleMatch(new HashSet<IncidentPriority> { IncidentPriority.P3 }, null, null, null, null, null, null),
                [Destination.Queue("noc-medium")], true),
            new("p4", new RuleMatch(new HashSet<IncidentPriority> { IncidentPriority.P4 }, null, null, null, null, null, null),
                [Destination.Queue("noc-low")], true),
        ],
        [Destination.Queue("noc-low")],
        new Dictionary<string, WebhookTarget>(StringComparer.OrdinalIgnoreCase),
        RosterConfig.Empty,
        new Dictionary<IncidentCategory, IReadOnlyList<string>>
        {
            [IncidentCategory.Outage] = ["incident-coordinator", "network-infrastructure", "communications", "customer-liaison"],
            [IncidentCategory.Impairment] = ["network-infrastructure", "operations"],
            [IncidentCategory.Informational] = ["operations"],
        },
        new EscalationSettings(
            new Dictionary<IncidentPriority, TimeSpan> { [IncidentPriority.P1] = TimeSpan.FromMinutes(15), [IncidentPriority.P2] = TimeSpan.FromMinutes(30), [IncidentPriority.P3] = TimeSpan.FromHours(4) },
            new Dictionary<IncidentPriority, TimeSpan> { [IncidentPriority.P1] = TimeSpan.FromMinutes(30), [IncidentPriority.P2] = TimeSpan.FromHours(1), [IncidentPriority.P3] = TimeSpan.FromHours(8) },
            new Dictionary<IncidentPriority, TimeSpan> { [IncidentPriority.P1] = TimeSpan.FromHours(4), [IncidentPriority.P2] = TimeSpan.FromHours(8), [IncidentPriority.P3] = TimeSpan.FromDays(3) },
            0.75,
            new Dictionary<IncidentPriority, TimeSpan> { [IncidentPriority.P1] = TimeSpan.FromHours(1) },
            TimeSpan.FromMinutes(15),
            5,
            1,
            [Destination.Function("incident-coordinator")]),
        []);

    /// <exception cref="RoutingConfigException">A file cannot be read or is not valid.</exception>
    public static RoutingConfig Load(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<(string, string)>();
        var problems = new List<ConfigProblem>();
        foreach (var path in paths)
        {
            try
            {
                files.Add((path, File.ReadAllText(path)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add(new ConfigProblem(path, 0, 0, "cannot read the file: " + e.Message));
            }
        }

        return problems.Count > 0 ? throw new RoutingConfigException(problems) : Parse(files);
    }

    /// <param name="files">Each file's path (for messages) and text.</param>
    /// <exception cref="RoutingConfigException">A file is not valid.</exception>
    public static RoutingConfig Parse(IReadOnlyList<(string Path, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<ConfigProblem>();
        var sections = new Dictionary<string, (Reader Reader, YamlNode Node)>(StringComparer.Ordinal);
        foreach (var (path, text) in files)
        {
            var reader = new Reader(path, problems);
            if (reader.Root(text) is not { } root)
            {
                continue;
            }

            foreach (var (key, value) in root.Children)
            {
                if (key is not YamlScalarNode { Value: var name })
                {
                    reader.Problem(key, "a section's name must be plain text, not a list or mapping");
                    continue;
                }

                name ??= "";
                if (!Sections.Contains(name))
                {
                    reader.Problem(key, $"unknown section '{name}'; the sections are {string.Join(", ", Sections)}");
                }
                else if (sections.TryGetValue(name, out var first))
                {
                    reader.Problem(key, $"section '{name}' is already given in {first.Reader.Path}:{first.Node.Start.Line}; a section lives in one file");
                }
                else
                {
                    sections[name] = (reader, value);
                }
            }
        }

        var builtIn = BuiltIn;
        var references = new List<(Reader Reader, YamlNode At, Destination Destination)>();
        T Section<T>(string name, Func<Reader, YamlNode, T> read, T fallback) =>
            sections.TryGetValue(name, out var s) ? read(s.Reader, s.Node) : fallback;

        var webhooks = Section("webhooks", ReadWebhooks, builtIn.Webhooks);
        var roster = Section("roster", (r, n) => ReadRoster(r, n, references), builtIn.Roster);
        var rules = Section("rules", (r, n) => ReadRules(r, n, references), builtIn.Rules);
        var fallback = Section("fallback", (r, n) => ReadDestinations(r, n, references), builtIn.Fallback);
        var teams = Section("teams", ReadTeams, builtIn.TeamTemplates);
        var escalation = Section("escalation", (r, n) => ReadEscalation(r, n, references, builtIn.Escalation), builtIn.Escalation);
        var maintenance = Section("maintenance", ReadMaintenance, builtIn.Maintenance);

        foreach (var (reader, at, destination) in references)
        {
            if (destination.Kind == DestinationKind.Webhook && !webhooks.ContainsKey(destination.Name))
            {
                reader.Problem(at, $"no webhook named '{destination.Name}' in the webhooks section" + Known(webhooks.Keys));
            }
            else if (destination.Kind == DestinationKind.Function && !roster.Functions.ContainsKey(destination.Name)
                && !RoutingConfig.KnownFunctions.Contains(destination.Name))
            {
                reader.Problem(at, $"unknown function '{destination.Name}'" + Known(RoutingConfig.KnownFunctions.Concat(roster.Functions.Keys).Distinct()));
            }
        }

        if (sections.TryGetValue("teams", out var teamSection))
        {
            foreach (var function in teams.Values.SelectMany(f => f).Distinct())
            {
                if (!roster.Functions.ContainsKey(function) && !RoutingConfig.KnownFunctions.Contains(function))
                {
                    teamSection.Reader.Problem(teamSection.Node, $"team templates name the unknown function '{function}'");
                }
            }
        }

        return problems.Count > 0
            ? throw new RoutingConfigException(problems)
            : new RoutingConfig(rules, fallback, webhooks, roster, teams, escalation, maintenance);
    }

    private static string Known(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "" : "; known: " + string.Join(", ", list);
    }

    private static List<RoutingRule> ReadRules(Reader r, YamlNode node, List<(Reader, YamlNode, Destination)> references)
    {
        var rules = new List<RoutingRule>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in r.Sequence(node))
        {
            if (r.Mapping(item, ["name", "when", "notify", "stop"]) is not { } rule)
            {
                continue;
            }

            var name = r.RequiredString(rule, "name", item) ?? "";
            if (name.Length > 0 && !names.Add(name))
            {
                r.Problem(item, $"a rule named '{name}' is given twice");
            }

            var match = Reader.Child(rule, "when") is { } when ? ReadMatch(r, when) : RuleMatch.Always;
            var notifyNode = Reader.Child(rule, "notify");
            var notify = notifyNode is not null ? ReadDestinations(r, notifyNode, references) : [];
            if (notifyNode is null || (notifyNode is YamlSequenceNode { Children.Count: 0 }))
            {
                r.Problem(item, $"rule '{name}' has nothing to notify: give notify: [function:..., queue:..., webhook:...]");
            }

            rules.Add(new RoutingRule(name, match, notify, Reader.Child(rule, "stop") is { } stop && r.Bool(stop)));
        }

        return rules;
    }

    private static RuleMatch ReadMatch(Reader r, YamlNode node)
    {
        if (r.Mapping(node, ["priority", "category", "service", "site", "region", "team", "watched"]) is not { } map)
        {
            return RuleMatch.Always;
        }

        return new RuleMatch(
            Reader.Child(map, "priority") is { } p ? r.Enums<IncidentPriority>(p, "a priority (P1, P2, P3, P4)").ToHashSet() : null,
            Reader.Child(map, "category") is { } c ? r.Enums<IncidentCategory>(c, "a category (outage, impairment, informational)").ToHashSet() : null,
            Reader.Child(map, "service") is { } s ? Names(r, s) : null,
            Reader.Child(map, "site") is { } site ? Names(r, site) : null,
            Reader.Child(map, "region") is { } region ? Names(r, region) : null,
            Reader.Child(map, "team") is { } team ? Names(r, team) : null,
            Reader.Child(map, "watched") is { } watched ? r.Bool(watched) : null);
    }

    private static HashSet<string> Names(Reader r, YamlNode node) => r.Strings(node).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static List<Destination> ReadDestinations(Reader r, YamlNode node, List<(Reader, YamlNode, Destination)> references)
    {
        var list = new List<Destination>();
        foreach (var item in r.ScalarsOrOne(node))
        {
            if (Destination.TryParse(item.Value, out var destination))
            {
                list.Add(destination);
                references.Add((r, item, destination));
            }
            else
            {
                r.Problem(item, $"'{item.Value}' is not a destination; write function:<name>, queue:<name> or webhook:<name>");
            }
        }

        return list;
    }

    private static Dictionary<string, WebhookTarget> ReadWebhooks(Reader r, YamlNode node)
    {
        var webhooks = new Dictionary<string, WebhookTarget>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in r.Sequence(node))
        {
            if (r.Mapping(item, ["name", "format", "url", "headers", "routingKey"]) is not { } map)
            {
                continue;
            }

            var name = r.RequiredString(map, "name", item);
            var format = Reader.Child(map, "format") is { } f ? r.Enum<WebhookFormat>(f, "a format (generic, slack, teams, pagerduty)") : WebhookFormat.Generic;
            var urlText = r.RequiredString(map, "url", item);
            Uri? url = null;
            if (urlText is not null && (!Uri.TryCreate(urlText, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
            {
                r.Problem(Reader.Child(map, "url")!, $"'{urlText}' is not an absolute http:// or https:// URL");
                url = null;
            }

            var headers = Reader.Child(map, "headers") is { } h ? r.StringMap(h) : new Dictionary<string, string>();
            var routingKey = Reader.Child(map, "routingKey") is { } k ? r.String(k) : null;
            if (format == WebhookFormat.PagerDuty && string.IsNullOrWhiteSpace(routingKey))
            {
                r.Problem(item, $"webhook '{name}' has format pagerduty and needs a routingKey (the integration key)");
            }

            if (name is null || url is null)
            {
                continue;
            }

            if (!webhooks.TryAdd(name, new WebhookTarget(name, format ?? WebhookFormat.Generic, url, headers, routingKey)))
            {
                r.Problem(item, $"a webhook named '{name}' is given twice");
            }
        }

        return webhooks;
    }

    private static RosterConfig ReadRoster(Reader r, YamlNode node, List<(Reader, YamlNode, Destination)> references)
    {
        if (r.Mapping(node, ["timeZone", "people", "functions"]) is not { } map)
        {
            return RosterConfig.Empty;
        }

        var zone = Reader.Child(map, "timeZone") is { } z ? r.TimeZone(z) ?? TimeZoneInfo.Utc : TimeZoneInfo.Utc;
        var people = new Dictionary<string, Person>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in Reader.Child(map, "people") is { } p ? r.Sequence(p) : [])
        {
            if (r.Mapping(item, ["id", "name", "contacts"]) is not { } person || r.RequiredString(person, "id", item) is not { } id)
            {
                continue;
            }

            var name = Reader.Child(person, "name") is { } n ? r.String(n) ?? id : id;
            var contacts = Reader.Child(person, "contacts") is { } c ? r.StringMap(c) : new Dictionary<string, string>();
            if (!people.TryAdd(id, new Person(id, name, contacts)))
            {
                r.Problem(item, $"a person with id '{id}' is given twice");
            }
        }

        var functions = new Dictionary<string, FunctionRoster>(StringComparer.OrdinalIgnoreCase);
        if (Reader.Child(map, "functions") is { } fs && r.Mapping(fs, null) is { } functionMap)
        {
            foreach (var (key, value) in functionMap.Children)
            {
                if (key is not YamlScalarNode functionKey)
                {
                    continue; // reported by Mapping
                }

                var function = (functionKey.Value ?? "").ToLowerInvariant();
                if (r.Mapping(value, ["channels", "shifts"]) is not { } fm)
                {
                    continue;
                }

                var channels = Reader.Child(fm, "channels") is { } ch ? ReadDestinations(r, ch, references) : [];
                foreach (var bad in channels.Where(d => d.Kind == DestinationKind.Function))
                {
                    r.Problem(Reader.Child(fm, "channels")!, $"function '{function}' has channel {bad}: a channel is a queue:... or webhook:...");
                }

                var shifts = new List<Shift>();
                foreach (var s in Reader.Child(fm, "shifts") is { } sn ? r.Sequence(sn) : [])
                {
                    if (r.Mapping(s, ["name", "days", "from", "to", "timeZone", "people"]) is not { } shift)
                    {
                        continue;
                    }

                    var shiftName = Reader.Child(shift, "name") is { } sname ? r.String(sname) ?? "" : "";
                    var days = Reader.Child(shift, "days") is { } d ? r.Days(d) : [];
                    var from = Reader.Child(shift, "from") is { } fromNode ? r.TimeOfDay(fromNode) : TimeSpan.Zero;
                    var to = Reader.Child(shift, "to") is { } toNode ? r.TimeOfDay(toNode) : TimeSpan.Zero;
                    var shiftZone = Reader.Child(shift, "timeZone") is { } tz ? r.TimeZone(tz) ?? zone : zone;
                    var onShift = new List<string>();
                    foreach (var person in Reader.Child(shift, "people") is { } sp ? r.ScalarsOrOne(sp) : [])
                    {
                        if (person.Value is { } id && people.TryGetValue(id, out var known))
                        {
                            onShift.Add(known.Id);
                        }
                        else
                        {
                            r.Problem(person, $"shift '{shiftName}' of '{function}' names '{person.Value}', who is not in roster.people" + Known(people.Keys));
                        }
                    }

                    shifts.Add(new Shift(shiftName.Length > 0 ? shiftName : $"{function}-{shifts.Count + 1}", days, from, to, shiftZone, onShift));
                }

                functions[function] = new FunctionRoster(function, channels, shifts);
            }
        }

        return new RosterConfig(people, functions);
    }

    private static Dictionary<IncidentCategory, IReadOnlyList<string>> ReadTeams(Reader r, YamlNode node)
    {
        var teams = new Dictionary<IncidentCategory, IReadOnlyList<string>>(BuiltIn.TeamTemplates);
        if (r.Mapping(node, null) is not { } map)
        {
            return teams;
        }

        foreach (var (key, value) in map.Children)
        {
            if (r.Enum<IncidentCategory>(key, "a category (outage, impairment, informational)") is { } category)
            {
                teams[category] = [.. r.Strings(value).Select(f => f.ToLowerInvariant()).Distinct()];
            }
        }

        return teams;
    }

    private static EscalationSettings ReadEscalation(Reader r, YamlNode node, List<(Reader, YamlNode, Destination)> references, EscalationSettings defaults)
    {
        if (r.Mapping(node, ["acknowledgeWithin", "progressWithin", "resolveWithin", "deadlineWarningAt", "followUpEvery", "growth", "notify"]) is not { } map)
        {
            return defaults;
        }

        var warning = defaults.DeadlineWarningAt;
        if (Reader.Child(map, "deadlineWarningAt") is { } w)
        {
            if (double.TryParse(r.String(w), NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) && fraction is > 0 and < 1)
            {
                warning = fraction;
            }
            else
            {
                r.Problem(w, "deadlineWarningAt is the fraction of resolveWithin after which the deadline is at risk, between 0 and 1 (e.g. 0.75)");
            }
        }

        var (every, members, services) = (defaults.GrowthCheckEvery, defaults.GrowthMembers, defaults.GrowthServices);
        if (Reader.Child(map, "growth") is { } g && r.Mapping(g, ["checkEvery", "members", "services"]) is { } growth)
        {
            every = Reader.Child(growth, "checkEvery") is { } e ? r.Duration(e) ?? every : every;
            members = Reader.Child(growth, "members") is { } m ? r.Count(m) ?? members : members;
            services = Reader.Child(growth, "services") is { } s ? r.Count(s) ?? services : services;
        }

        return new EscalationSettings(
            Reader.Child(map, "acknowledgeWithin") is { } a ? r.ByPriority(a) : defaults.AcknowledgeWithin,
            Reader.Child(map, "progressWithin") is { } p ? r.ByPriority(p) : defaults.ProgressWithin,
            Reader.Child(map, "resolveWithin") is { } res ? r.ByPriority(res) : defaults.ResolveWithin,
            warning,
            Reader.Child(map, "followUpEvery") is { } f ? r.ByPriority(f) : defaults.FollowUpEvery,
            every,
            members,
            services,
            Reader.Child(map, "notify") is { } n ? ReadDestinations(r, n, references) : defaults.Notify);
    }

    private static List<MaintenanceWindow> ReadMaintenance(Reader r, YamlNode node)
    {
        var windows = new List<MaintenanceWindow>();
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in r.Sequence(node))
        {
            if (r.Mapping(item, ["id", "name", "change", "scope", "start", "end", "recurrence"]) is not { } map
                || r.RequiredString(map, "id", item) is not { } id)
            {
                continue;
            }

            if (!ids.Add(id))
            {
                r.Problem(item, $"a maintenance window with id '{id}' is given twice");
            }

            var name = Reader.Child(map, "name") is { } n ? r.String(n) ?? id : id;
            var change = Reader.Child(map, "change") is { } c ? r.String(c) : null;
            MaintenanceScope scope = new([], [], []);
            if (Reader.Child(map, "scope") is { } s && r.Mapping(s, ["sites", "devices", "services"]) is { } sm)
            {
                scope = new MaintenanceScope(
                    Reader.Child(sm, "sites") is { } x ? r.Strings(x) : [],
                    Reader.Child(sm, "devices") is { } y ? r.Strings(y) : [],
                    Reader.Child(sm, "services") is { } z ? r.Strings(z) : []);
            }

            if (scope.Sites.Count + scope.Devices.Count + scope.Services.Count == 0)
            {
                r.Problem(item, $"maintenance window '{id}' has an empty scope: give scope: {{sites: [...], devices: [...], services: [...]}}");
            }

            var start = Reader.Child(map, "start") is { } st ? r.Instant(st) : null;
            var end = Reader.Child(map, "end") is { } en ? r.Instant(en) : null;
            MaintenanceRecurrence? recurrence = null;
            if (Reader.Child(map, "recurrence") is { } rec && r.Mapping(rec, ["timeZone", "days", "start", "duration"]) is { } rm)
            {
                var zone = Reader.Child(rm, "timeZone") is { } tz ? r.TimeZone(tz) : null;
                if (zone is null)
                {
                    r.Problem(rec, "a recurrence needs a timeZone (an IANA id such as Europe/London)");
                }

                var duration = Reader.Child(rm, "duration") is { } d ? r.Duration(d) : null;
                if (duration is null || duration <= TimeSpan.Zero || duration > TimeSpan.FromDays(7))
                {
                    r.Problem(rec, "a recurrence needs a duration between 1s and 7d");
                }

                recurrence = new MaintenanceRecurrence(zone?.Id ?? "UTC",
                    Reader.Child(rm, "days") is { } days ? [.. r.Days(days)] : [],
                    Reader.Child(rm, "start") is { } at ? r.TimeOfDay(at) : TimeSpan.Zero,
                    duration ?? TimeSpan.FromHours(1));
            }
            else if (start is null || end is null)
            {
                r.Problem(item, $"maintenance window '{id}' needs start and end, or a recurrence");
            }

            if (start is not null && end is not null && end <= start)
            {
                r.Problem(item, $"maintenance window '{id}' ends before it starts");
            }

            windows.Add(new MaintenanceWindow(id, name, change, scope, start, end, recurrence));
        }

        return windows;
    }

    /// <summary>Reads nodes of one file, adding a problem at the node's position for everything wrong.</summary>
    private sealed class Reader(string path, List<ConfigProblem> problems)
    {
        public string Path { get; } = path;

        public YamlMappingNode? Root(string text)
        {
            // YamlStream follows nesting as deep as the text goes (a hostile file stalls or exhausts the stack) and
            // lets some scanner errors out as other exceptions; the CMDB's reader stops at its depth limit and
            // reports those with a position, so it checks the text first.
            var shape = new List<TopologyProblem>();
            if (YamlTree.Read(new StringReader(text), Path, shape) is null && shape.FirstOrDefault(p => p.IsError) is { } malformed)
            {
                problems.Add(new ConfigProblem(Path, malformed.Location?.Line ?? 0, malformed.Location?.Column ?? 0, malformed.Message));
                return null;
            }

            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlException e)
            {
                problems.Add(new ConfigProblem(Path, (int)e.Start.Line, (int)e.Start.Column, "malformed YAML: " + (e.InnerException?.Message ?? e.Message)));
                return null;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                // YamlDotNet's scanner throws these, without a position, for a flow collection left open or a bad tag.
                problems.Add(new ConfigProblem(Path, 0, 0, "malformed YAML: " + e.Message));
                return null;
            }

            if (stream.Documents.Count == 0)
            {
                return null;
            }

            if (stream.Documents.Count > 1)
            {
                Problem(stream.Documents[1].RootNode, "a routing file holds one YAML document");
            }

            return Mapping(stream.Documents[0].RootNode, null);
        }

        public void Problem(YamlNode at, string reason) =>
            problems.Add(new ConfigProblem(Path, (int)at.Start.Line, (int)at.Start.Column, reason));

        public YamlMappingNode? Mapping(YamlNode node, string[]? allowed)
        {
            if (node is not YamlMappingNode map)
            {
                Problem(node, "expected a mapping (key: value lines)");
                return null;
            }

            foreach (var key in map.Children.Keys)
            {
                if (key is not YamlScalarNode scalar)
                {
                    Problem(key, "a key must be plain text");
                }
                else if (allowed is not null && !allowed.Contains(scalar.Value, StringComparer.Ordinal))
                {
                    Problem(key, $"unknown key '{scalar.Value}'; expected one of {string.Join(", ", allowed)}");
                }
            }

            return map;
        }

        public IReadOnlyList<YamlNode> Sequence(YamlNode node)
        {
            if (node is YamlSequenceNode sequence)
            {
                return [.. sequence.Children];
            }

            Problem(node, "expected a list (lines starting with '- ')");
            return [];
        }

        public static YamlNode? Child(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        public string? String(YamlNode node)
        {
            if (node is YamlScalarNode scalar)
            {
                return scalar.Value;
            }

            Problem(node, "expected a single value");
            return null;
        }

        public string? RequiredString(YamlMappingNode map, string key, YamlNode owner)
        {
            var value = Reader.Child(map, key) is { } node ? String(node) : null;
            if (string.IsNullOrWhiteSpace(value))
            {
                Problem(owner, $"'{key}' is required here");
                return null;
            }

            return value.Trim();
        }

        public List<YamlScalarNode> ScalarsOrOne(YamlNode node)
        {
            if (node is YamlScalarNode one)
            {
                return [one];
            }

            var list = new List<YamlScalarNode>();
            foreach (var item in Sequence(node))
            {
                if (item is YamlScalarNode scalar)
                {
                    list.Add(scalar);
                }
                else
                {
                    Problem(item, "expected a single value in the list");
                }
            }

            return list;
        }

        public IReadOnlyList<string> Strings(YamlNode node) =>
            [.. ScalarsOrOne(node).Select(s => s.Value?.Trim() ?? "").Where(s => s.Length > 0)];

        public Dictionary<string, string> StringMap(YamlNode node)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (Mapping(node, null) is { } map)
            {
                foreach (var (key, value) in map.Children)
                {
                    // A key that is not text is reported by Mapping.
                    if (key is YamlScalarNode scalar && String(value) is { } text)
                    {
                        result[scalar.Value ?? ""] = text;
                    }
                }
            }

            return result;
        }

        public bool Bool(YamlNode node)
        {
            var text = String(node);
            if (bool.TryParse(text, out var value))
            {
                return value;
            }

            Problem(node, $"'{text}' is not true or false");
            return false;
        }

        public int? Count(YamlNode node)
        {
            var text = String(node);
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
            {
                return value;
            }

            Problem(node, $"'{text}' is not a whole number above 0");
            return null;
        }

        public T? Enum<T>(YamlNode node, string what) where T : struct, System.Enum
        {
            var text = String(node)?.Trim();
            if (text is not null && !char.IsDigit(text[0]) && System.Enum.TryParse<T>(text.Replace("-", "", StringComparison.Ordinal), true, out var value)
                && System.Enum.IsDefined(value))
            {
                return value;
            }

            Problem(node, $"'{text}' is not {what}");
            return null;
        }

        public IReadOnlyList<T> Enums<T>(YamlNode node, string what) where T : struct, System.Enum =>
            [.. ScalarsOrOne(node).Select(n => Enum<T>(n, what)).OfType<T>()];

        public TimeSpan? Duration(YamlNode node)
        {
            var text = String(node);
            if (text is not null && Durations.TryParse(text, out var value) && value > TimeSpan.Zero)
            {
                return value;
            }

            Problem(node, $"'{text}' is not a duration; write e.g. 90s, 15m, 1h30m, 2d or 01:30:00");
            return null;
        }

        public Dictionary<IncidentPriority, TimeSpan> ByPriority(YamlNode node)
        {
            var result = new Dictionary<IncidentPriority, TimeSpan>();
            if (Mapping(node, null) is not { } map)
            {
                return result;
            }

            foreach (var (key, value) in map.Children)
            {
                if (Enum<IncidentPriority>(key, "a priority (P1, P2, P3, P4)") is { } priority && Duration(value) is { } duration)
                {
                    result[priority] = duration;
                }
            }

            return result;
        }

        public TimeSpan TimeOfDay(YamlNode node)
        {
            var text = String(node);
            if (TimeOnly.TryParseExact(text, ["H:mm", "HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                return time.ToTimeSpan();
            }

            Problem(node, $"'{text}' is not a time of day; write HH:mm, e.g. 08:00");
            return TimeSpan.Zero;
        }

        public TimeZoneInfo? TimeZone(YamlNode node)
        {
            var text = String(node);
            if (text is not null && TimeZoneInfo.TryFindSystemTimeZoneById(text, out var zone))
            {
                return zone;
            }

            Problem(node, $"'{text}' is not a known time zone; use an IANA id such as Europe/London or UTC");
            return null;
        }

        public DateTimeOffset? Instant(YamlNode node)
        {
            var text = String(node);
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            {
                return value;
            }

            Problem(node, $"'{text}' is not a date and time; write e.g. 2026-03-01T22:00:00Z or 2026-03-01T22:00:00+01:00");
            return null;
        }

        public HashSet<DayOfWeek> Days(YamlNode node)
        {
            var days = new HashSet<DayOfWeek>();
            foreach (var item in ScalarsOrOne(node))
            {
                var text = item.Value?.Trim().ToLowerInvariant() ?? "";
                DayOfWeek? day = text.Length >= 3 ? text[..3] switch
                {
                    "mon" => DayOfWeek.Monday,
                    "tue" => DayOfWeek.Tuesday,
                    "wed" => DayOfWeek.Wednesday,
                    "thu" => DayOfWeek.Thursday,
                    "fri" => DayOfWeek.Friday,
                    "sat" => DayOfWeek.Saturday,
                    "sun" => DayOfWeek.Sunday,
                    _ => null,
                } : null;
                if (day is null)
                {
                    Problem(item, $"'{item.Value}' is not a day; write mon, tue, wed, thu, fri, sat or sun");
                }
                else
                {
                    days.Add(day.Value);
                }
            }

            return days;
        }
    }
}
