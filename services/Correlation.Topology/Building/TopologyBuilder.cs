using System.Diagnostics.CodeAnalysis;

namespace Correlation.Topology;

/// <summary>
/// Builds a <see cref="NetworkTopology"/> from entries added in code (a CSV edge list, a generated
/// network) or by the YAML loader, and validates it the same way whatever the source: every problem is
/// collected, and <see cref="Build"/> throws one <see cref="CmdbValidationException"/> listing them all.
/// Ids are compared case-insensitively everywhere, because alarms rarely agree with the CMDB on case.
/// Not thread-safe; build on one thread, then share the immutable topology.
/// </summary>
public sealed class TopologyBuilder
{
    private static readonly StringComparer Ids = StringComparer.OrdinalIgnoreCase;

    private readonly List<Entry<Site>> _sites = [];
    private readonly List<Entry<Device>> _devices = [];
    private readonly List<Entry<Link>> _links = [];
    private readonly List<Entry<Service>> _services = [];
    private readonly List<Entry<Team>> _teams = [];
    private readonly List<TopologyProblem> _problems = [];

    public TopologyBuilder AddSite(Site site, EntrySource? source = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        _sites.Add(new(site, source));
        return this;
    }

    public TopologyBuilder AddDevice(Device device, EntrySource? source = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        _devices.Add(new(device, source));
        return this;
    }

    public TopologyBuilder AddLink(Link link, EntrySource? source = null)
    {
        ArgumentNullException.ThrowIfNull(link);
        _links.Add(new(link, source));
        return this;
    }

    public TopologyBuilder AddService(Service service, EntrySource? source = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        _services.Add(new(service, source));
        return this;
    }

    public TopologyBuilder AddTeam(Team team, EntrySource? source = null)
    {
        ArgumentNullException.ThrowIfNull(team);
        _teams.Add(new(team, source));
        return this;
    }

    /// <summary>
    /// A problem found by whatever read the entries (a YAML or CSV reader), reported together with the
    /// builder's own so that the author sees everything at once.
    /// </summary>
    public TopologyBuilder AddProblem(TopologyProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        _problems.Add(problem);
        return this;
    }

    /// <summary>Every problem, errors and warnings, located ones in file order first. Does not throw.</summary>
    public IReadOnlyList<TopologyProblem> Validate() => Check(out _);

    /// <summary>The topology; warnings travel on <see cref="NetworkTopology.Warnings"/>.</summary>
    /// <exception cref="CmdbValidationException">When there is at least one error.</exception>
    public NetworkTopology Build()
    {
        if (!TryBuild(out var topology, out var problems))
        {
            throw new CmdbValidationException(problems);
        }
        return topology;
    }

    public bool TryBuild([NotNullWhen(true)] out NetworkTopology? topology, out IReadOnlyList<TopologyProblem> problems)
    {
        problems = Check(out var checkedEntries);
        topology = problems.Any(p => p.IsError) ? null : checkedEntries!.ToTopology(problems);
        return topology is not null;
    }

    private IReadOnlyList<TopologyProblem> Check(out Checked? result)
    {
        var problems = new List<TopologyProblem>(_problems);
        var check = new Checker(problems);

        // Repeated entries are reported, and their references still checked, but only the first is kept.
        var sites = check.UniqueIds(_sites, "site", s => s.Id);
        var teams = check.UniqueIds(_teams, "team", t => t.Id);
        var devices = check.UniqueIds(_devices, "device", d => d.Id);
        var links = check.UniqueIds(_links, "link", l => l.Id, l => Ids.Equals(l.Id, $"{l.A}--{l.B}")
            ? "; a link without an id is named after its ends, so this is the same link written twice " +
              "(parallel links need ids of their own and a shared redundancy-group)"
            : "");
        var services = check.UniqueIds(_services, "service", s => s.Id);

        var checkedSites = Kept(sites).Select(e => e.Value with { Id = e.Value.Id.Trim(), Name = e.Value.Name }).ToArray();
        var checkedTeams = Kept(teams).Select(e => e.Value with { Id = e.Value.Id.Trim(), Name = e.Value.Name }).ToArray();
        var siteIds = IdMap(checkedSites, s => s.Id);
        var teamIds = IdMap(checkedTeams, t => t.Id);

        var checkedDevices = new List<Device>(devices.Count);
        foreach (var (device, source, _) in devices)
        {
            var what = $"device '{device.Id}'";
            checkedDevices.Add(device with
            {
                Id = device.Id.Trim(),
                Name = device.Name,
                SiteId = check.Reference(device.SiteId, siteIds, what, "site", source, "site"),
                TeamId = check.Reference(device.TeamId, teamIds, what, "team", source, "team"),
                Aliases = [.. (device.Aliases ?? []).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim())],
            });
        }
        var keptDevices = KeptValues(checkedDevices, devices);
        var deviceIds = IdMap(keptDevices, d => d.Id);
        check.ResolvableNames(keptDevices, Kept(devices));

        var checkedLinks = new List<Link>(links.Count);
        foreach (var (link, source, _) in links)
        {
            var what = $"link '{link.Id}'";
            var a = check.Reference(link.A, deviceIds, what, "device", source, "a", required: true);
            var b = check.Reference(link.B, deviceIds, what, "device", source, "b", required: true);
            var group = string.IsNullOrWhiteSpace(link.RedundancyGroup) ? null : link.RedundancyGroup.Trim();
            checkedLinks.Add(link with { Id = link.Id.Trim(), A = a ?? link.A, B = b ?? link.B, RedundancyGroup = group });
        }
        var keptLinks = KeptValues(checkedLinks, links);
        check.LinkShapes(keptLinks, Kept(links), deviceIds);

        var checkedServices = new List<Service>(services.Count);
        var serviceIds = IdMap(Kept(services).Select(e => e.Value.Id.Trim()).ToArray(), id => id);
        foreach (var (service, source, _) in services)
        {
            var what = $"service '{service.Id}'";
            checkedServices.Add(service with
            {
                Id = service.Id.Trim(),
                Name = service.Name,
                TeamId = check.Reference(service.TeamId, teamIds, what, "team", source, "team"),
                DependsOnDevices = check.References(service.DependsOnDevices, deviceIds, what, "device", source, "depends-on.devices"),
                DependsOnServices = check.References(service.DependsOnServices, serviceIds, what, "service", source, "depends-on.services"),
                Customers = [.. (service.Customers ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim())],
            });
        }
        var keptServices = KeptValues(checkedServices, services);
        check.ServiceCycles(keptServices, Kept(services));

        result = new Checked(checkedSites, [.. keptDevices], [.. keptLinks], [.. keptServices], checkedTeams);
        // Located problems in file order, so that the list reads top to bottom like the file.
        return [.. problems
            .Select((p, i) => (p, i))
            .OrderBy(x => x.p.Location is null ? 1 : 0)
            .ThenBy(x => x.p.Location?.Path, StringComparer.Ordinal)
            .ThenBy(x => x.p.Location?.Line)
            .ThenBy(x => x.p.Location?.Column)
            .ThenBy(x => x.i)
            .Select(x => x.p)];
    }

    private static List<Entry<T>> Kept<T>(List<Identified<T>> entries) =>
        [.. entries.Where(e => !e.IsRepeat).Select(e => new Entry<T>(e.Value, e.Source))];

    private static List<T> KeptValues<T, TEntry>(List<T> values, List<Identified<TEntry>> entries) =>
        [.. values.Where((_, i) => !entries[i].IsRepeat)];

    private static Dictionary<string, string> IdMap<T>(IReadOnlyList<T> values, Func<T, string> id)
    {
        var map = new Dictionary<string, string>(values.Count, Ids);
        foreach (var value in values)
        {
            map.TryAdd(id(value), id(value));
        }
        return map;
    }

    private readonly record struct Entry<T>(T Value, EntrySource? Source);

    /// <summary>An entry with a usable id; a repeat of an earlier id is checked but not kept.</summary>
    private readonly record struct Identified<T>(T Value, EntrySource? Source, bool IsRepeat);

    private sealed record Checked(Site[] Sites, Device[] Devices, Link[] Links, Service[] Services, Team[] Teams)
    {
        public NetworkTopology ToTopology(IReadOnlyList<TopologyProblem> warnings) =>
            new(Sites, Devices, Links, Services, Teams, warnings);
    }

    /// <summary>The individual rules; each adds to the shared problem list and never stops at the first.</summary>
    private sealed class Checker(List<TopologyProblem> problems)
    {
        public void Error(string message, EntrySource? source, string? field = null) =>
            problems.Add(new(ProblemSeverity.Error, message, At(source, field)));

        public void Warning(string message, EntrySource? source, string? field = null) =>
            problems.Add(new(ProblemSeverity.Warning, message, At(source, field)));

        private static SourceLocation? At(EntrySource? source, string? field) =>
            source is null ? null : field is null ? source.Entry : source.Of(field);

        /// <summary>Entries with a usable id, repeats marked; blanks and repeats are reported.</summary>
        public List<Identified<T>> UniqueIds<T>(List<Entry<T>> entries, string kind, Func<T, string?> id,
            Func<T, string>? duplicateHint = null)
        {
            var first = new Dictionary<string, EntrySource?>(Ids);
            var identified = new List<Identified<T>>(entries.Count);
            foreach (var entry in entries)
            {
                var value = id(entry.Value)?.Trim();
                if (string.IsNullOrEmpty(value))
                {
                    Error($"a {kind} has an empty id", entry.Source, "id");
                }
                else if (first.TryGetValue(value, out var earlier))
                {
                    Error($"duplicate {kind} id '{value}'{FirstDefined(earlier, entry.Source)}{duplicateHint?.Invoke(entry.Value)}",
                        entry.Source, "id");
                    identified.Add(new(entry.Value, entry.Source, IsRepeat: true));
                }
                else
                {
                    first.Add(value, entry.Source);
                    identified.Add(new(entry.Value, entry.Source, IsRepeat: false));
                }
            }
            return identified;
        }

        /// <summary>The referenced entity's own spelling of its id, or null when absent or unknown.</summary>
        public string? Reference(string? id, Dictionary<string, string> known, string what, string kind,
            EntrySource? source, string field, bool required = false)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                if (required)
                {
                    Error($"{what} has no {field}", source, field);
                }
                return null;
            }
            if (known.TryGetValue(id.Trim(), out var canonical))
            {
                return canonical;
            }
            Error($"{what} refers to unknown {kind} '{id}'{Suggest.Hint(id, known.Keys)}", source, field);
            return null;
        }

        public string[] References(IReadOnlyList<string>? ids, Dictionary<string, string> known, string what,
            string kind, EntrySource? source, string field)
        {
            if (ids is null)
            {
                return [];
            }
            var resolved = new List<string>(ids.Count);
            for (var i = 0; i < ids.Count; i++)
            {
                var canonical = Reference(ids[i], known, what, kind, source, $"{field}[{i}]");
                if (canonical is not null && !resolved.Contains(canonical, Ids))
                {
                    resolved.Add(canonical);
                }
            }
            return [.. resolved];
        }

        /// <summary>
        /// Alarms name devices by id, name or alias; one name meaning two devices would send an alarm to
        /// the wrong one, so every name must identify one device.
        /// </summary>
        public void ResolvableNames(List<Device> devices, List<Entry<Device>> entries)
        {
            var owner = new Dictionary<string, int>(Ids);
            for (var i = 0; i < devices.Count; i++)
            {
                owner.TryAdd(devices[i].Id, i);
            }
            for (var i = 0; i < devices.Count; i++)
            {
                var device = devices[i];
                var source = entries[i].Source;
                Claim(device.Name, "name", $"is named '{device.Name}'");
                for (var a = 0; a < device.Aliases.Count; a++)
                {
                    Claim(device.Aliases[a], $"aliases[{a}]", $"has the alias '{device.Aliases[a]}'");
                }

                void Claim(string name, string field, string claim)
                {
                    if (owner.TryGetValue(name, out var other))
                    {
                        if (other != i)
                        {
                            Error($"device '{device.Id}' {claim}, which already identifies device '{devices[other].Id}'", source, field);
                        }
                    }
                    else
                    {
                        owner.Add(name, i);
                    }
                }
            }
        }

        public void LinkShapes(List<Link> links, List<Entry<Link>> entries, Dictionary<string, string> deviceIds)
        {
            var byPair = new Dictionary<string, int>(Ids);
            var groups = new Dictionary<string, List<int>>(Ids);
            for (var i = 0; i < links.Count; i++)
            {
                var link = links[i];
                var source = entries[i].Source;
                if (link.RedundancyGroup is { } group)
                {
                    if (!groups.TryGetValue(group, out var members))
                    {
                        groups.Add(group, members = []);
                    }
                    members.Add(i);
                }
                if (!deviceIds.ContainsKey(link.A) || !deviceIds.ContainsKey(link.B))
                {
                    continue;
                }
                if (Ids.Equals(link.A, link.B))
                {
                    Error($"link '{link.Id}' connects device '{link.A}' to itself", source, "b");
                    continue;
                }
                // Parallel links are real (diverse fibre paths, a backup circuit), but they are the same
                // link written twice unless the author said they back each other up.
                var pair = Ids.Compare(link.A, link.B) < 0 ? $"{link.A}\n{link.B}" : $"{link.B}\n{link.A}";
                if (byPair.TryGetValue(pair, out var first))
                {
                    var earlier = links[first];
                    if (earlier.RedundancyGroup is null || !Ids.Equals(earlier.RedundancyGroup, link.RedundancyGroup))
                    {
                        Error($"link '{link.Id}' duplicates link '{earlier.Id}'{FirstDefined(entries[first].Source, source)} " +
                              $"between '{link.A}' and '{link.B}'; parallel links must share a redundancy-group", source);
                    }
                }
                else
                {
                    byPair.Add(pair, i);
                }
            }
            foreach (var (group, members) in groups)
            {
                if (members.Count == 1)
                {
                    Warning($"redundancy group '{group}' has only one link ('{links[members[0]].Id}'), so nothing backs it up",
                        entries[members[0]].Source, "redundancy-group");
                }
            }
        }

        /// <summary>
        /// A service that (indirectly) depends on itself has no meaningful impact; each cycle is named once.
        /// Iterative depth-first search with colours, O(services + dependencies), so that a generated
        /// deep chain cannot overflow the stack.
        /// </summary>
        public void ServiceCycles(List<Service> services, List<Entry<Service>> entries)
        {
            var index = new Dictionary<string, int>(Ids);
            for (var i = 0; i < services.Count; i++)
            {
                index.TryAdd(services[i].Id, i);
            }
            var edges = services.Select(s => s.DependsOnServices.Select(d => index[d]).ToArray()).ToArray();
            var colour = new byte[services.Count]; // 0 unvisited, 1 on the current path, 2 done
            var reported = new HashSet<string>(Ids);
            var path = new List<int>();
            var stack = new Stack<(int Node, int Next)>();
            for (var root = 0; root < services.Count; root++)
            {
                if (colour[root] != 0)
                {
                    continue;
                }
                stack.Push((root, 0));
                colour[root] = 1;
                path.Add(root);
                while (stack.Count > 0)
                {
                    var (node, next) = stack.Pop();
                    if (next == edges[node].Length)
                    {
                        colour[node] = 2;
                        path.RemoveAt(path.Count - 1);
                        continue;
                    }
                    stack.Push((node, next + 1));
                    var target = edges[node][next];
                    if (colour[target] == 0)
                    {
                        colour[target] = 1;
                        path.Add(target);
                        stack.Push((target, 0));
                    }
                    else if (colour[target] == 1)
                    {
                        var cycle = path.Skip(path.IndexOf(target)).Select(n => services[n].Id).ToList();
                        if (reported.Add(Canonical(cycle)))
                        {
                            var field = $"depends-on.services[{DependencyPosition(entries[node].Value, services[target].Id)}]";
                            Error($"service dependency cycle: {string.Join(" -> ", cycle)} -> {cycle[0]}", entries[node].Source, field);
                        }
                    }
                }
            }
        }

        private static int DependencyPosition(Service original, string dependency)
        {
            for (var i = 0; i < original.DependsOnServices.Count; i++)
            {
                if (Ids.Equals(original.DependsOnServices[i]?.Trim(), dependency))
                {
                    return i;
                }
            }
            return 0;
        }

        /// <summary>The same cycle found from another starting point rotates to the same text.</summary>
        private static string Canonical(List<string> cycle)
        {
            var start = 0;
            for (var i = 1; i < cycle.Count; i++)
            {
                if (Ids.Compare(cycle[i], cycle[start]) < 0)
                {
                    start = i;
                }
            }
            return string.Join("\n", cycle.Skip(start).Concat(cycle.Take(start)));
        }

        private static string FirstDefined(EntrySource? first, EntrySource? current)
        {
            if (first is null)
            {
                return "";
            }
            var at = first.Entry;
            return current is not null && at.Path == current.Entry.Path && at.Line > 0
                ? $" (first defined at line {at.Line})"
                : $" (first defined at {at})";
        }
    }
}
