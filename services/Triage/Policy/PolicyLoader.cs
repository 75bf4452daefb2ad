using System.Globalization;
using Correlation.Contracts;
using Correlation.Topology;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Correlation.Triage.Policy;

/// <summary>
/// Reads a triage policy from YAML, reporting every problem with its file, line and column rather than
/// stopping at the first. A section the file leaves out is taken from the fallback (normally the built-in
/// policy), so a file may hold only what it changes.
/// </summary>
public static class PolicyLoader
{
    public const string BuiltInSource = "built-in policy";

    private static readonly StringComparer Names = StringComparer.OrdinalIgnoreCase;

    private static readonly Lazy<TriagePolicy> BuiltInPolicy = new(() =>
    {
        using var stream = typeof(PolicyLoader).Assembly.GetManifestResourceStream("builtin-policy.yaml")
            ?? throw new InvalidOperationException("The embedded built-in policy is missing.");
        using var reader = new StreamReader(stream);
        return Load(reader.ReadToEnd(), BuiltInSource, fallback: null);
    });

    private static readonly Dictionary<string, DayOfWeek> DayNames = new(Names)
    {
        ["mon"] = DayOfWeek.Monday, ["tue"] = DayOfWeek.Tuesday, ["wed"] = DayOfWeek.Wednesday, ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday, ["sat"] = DayOfWeek.Saturday, ["sun"] = DayOfWeek.Sunday,
        ["monday"] = DayOfWeek.Monday, ["tuesday"] = DayOfWeek.Tuesday, ["wednesday"] = DayOfWeek.Wednesday,
        ["thursday"] = DayOfWeek.Thursday, ["friday"] = DayOfWeek.Friday, ["saturday"] = DayOfWeek.Saturday, ["sunday"] = DayOfWeek.Sunday,
    };

    /// <summary>The policy triage runs with when no file is configured (services/Triage/Policy/builtin-policy.yaml).</summary>
    public static TriagePolicy BuiltIn => BuiltInPolicy.Value;

    /// <summary>Reads and checks the file; its missing sections come from the built-in policy.</summary>
    /// <exception cref="TriagePolicyException">The file cannot be read or is not a valid policy.</exception>
    public static TriagePolicy LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TriagePolicyException([new PolicyProblem(path, 0, 0, "cannot read the policy: " + e.Message)]);
        }
        return Load(text, path, BuiltIn);
    }

    /// <exception cref="TriagePolicyException">The text is not a valid policy.</exception>
    public static TriagePolicy Load(string text, string path, TriagePolicy? fallback)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<PolicyProblem>();
        var policy = new Reader(path, problems).Read(text, fallback);
        return problems.Count == 0 && policy is not null ? policy : throw new TriagePolicyException(problems);
    }

    private sealed class Reader(string path, List<PolicyProblem> problems)
    {
        private readonly List<(string Name, YamlNode At)> _calendarReferences = [];

        public TriagePolicy? Read(string text, TriagePolicy? fallback)
        {
            // YamlStream follows nesting as deep as the text goes (a hostile file stalls or exhausts the stack) and
            // lets some scanner errors out as other exceptions; the CMDB's reader stops at its depth limit and
            // reports those with a position, so it checks the text first.
            var shape = new List<TopologyProblem>();
            if (YamlTree.Read(new StringReader(text), path, shape) is null && shape.FirstOrDefault(p => p.IsError) is { } malformed)
            {
                problems.Add(new PolicyProblem(path, malformed.Location?.Line ?? 0, malformed.Location?.Column ?? 0, malformed.Message));
                return null;
            }

            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlException e)
            {
                problems.Add(new PolicyProblem(path, checked((int)e.Start.Line), checked((int)e.Start.Column), "malformed YAML: " + Inner(e)));
                return null;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                // YamlDotNet's scanner throws these, without a position, for a flow collection left open or a bad tag.
                problems.Add(new PolicyProblem(path, 0, 0, "malformed YAML: " + e.Message));
                return null;
            }
            if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                var at = stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null;
                Problem(at, "the policy must be one YAML document holding a mapping (time-zone, classification, priority, calendars, watch, checklists)");
                return null;
            }

            var entries = Entries(root, "the policy", "time-zone", "classification", "priority", "calendars", "watch", "checklists");
            var timeZone = entries.TryGetValue("time-zone", out var zone) ? TimeZone(zone) : fallback?.TimeZone ?? TimeZoneInfo.Utc;
            var classification = entries.TryGetValue("classification", out var c) ? ReadClassification(c, fallback?.Classification)
                : fallback?.Classification;
            var calendars = entries.TryGetValue("calendars", out var cal) ? Calendars(cal)
                : fallback?.Calendars ?? new Dictionary<string, BusinessCalendar>(Names);
            IReadOnlyList<BaseRule>? baseRules = fallback?.Base;
            IReadOnlyList<Adjustment> adjustments = fallback?.Adjustments ?? [];
            if (entries.TryGetValue("priority", out var priority) && Mapping(priority, "priority") is { } p)
            {
                var parts = Entries(p, "priority", "base", "adjustments");
                if (parts.TryGetValue("base", out var b))
                {
                    baseRules = Each(b, "priority.base", BaseRuleOf);
                }
                if (parts.TryGetValue("adjustments", out var a))
                {
                    adjustments = Each(a, "priority.adjustments", AdjustmentOf);
                }
            }
            var watch = entries.TryGetValue("watch", out var w) ? Watch(w) : fallback?.Watch;
            var checklists = entries.TryGetValue("checklists", out var t) ? Templates(t, fallback?.Checklists) : fallback?.Checklists;

            if (classification is null)
            {
                Problem(root, "classification is missing (there is no built-in policy to take it from)");
            }
            if (baseRules is null || baseRules.Count == 0)
            {
                Problem(priority ?? root, "priority.base needs at least one rule (the last usually has no 'when', to catch everything)");
            }
            foreach (var (name, at) in _calendarReferences)
            {
                if (!calendars.ContainsKey(name))
                {
                    Problem(at, $"no calendar named '{name}' (calendars: {(calendars.Count == 0 ? "none" : string.Join(", ", calendars.Keys))})");
                }
            }
            if (checklists is null || checklists.Count == 0)
            {
                Problem(t ?? root, "checklists needs at least one template");
            }
            else
            {
                foreach (var category in Enum.GetValues<IncidentCategory>().Where(cat => !checklists.Any(x => x.Categories.Contains(cat) && x.Elements.Count == 0)))
                {
                    Problem(t ?? root, $"no checklist template without 'elements' for category {Condition.Name(category)}: every incident needs a template");
                }
            }

            return problems.Count > 0 || classification is null || baseRules is null || watch is null || checklists is null
                ? null
                : new TriagePolicy(path, timeZone, classification, baseRules, adjustments, calendars, watch, checklists);
        }

        private TimeZoneInfo TimeZone(YamlNode node)
        {
            if (Scalar(node, "time-zone") is not { } id)
            {
                return TimeZoneInfo.Utc;
            }
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(id);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                Problem(node, $"unknown time zone '{id}' (use an IANA name such as Europe/London, or UTC)");
                return TimeZoneInfo.Utc;
            }
        }

        private Classification? ReadClassification(YamlNode node, Classification? fallback)
        {
            if (Mapping(node, "classification") is not { } map)
            {
                return null;
            }
            var e = Entries(map, "classification", "device-down-types", "link-down-types", "informational-types", "impairment-min-severity");
            var severity = e.TryGetValue("impairment-min-severity", out var s) ? Severity(s) ?? AlarmSeverity.Minor
                : fallback?.ImpairmentMinSeverity ?? AlarmSeverity.Minor;
            return new Classification(
                e.TryGetValue("device-down-types", out var d) ? Strings(d) : fallback?.DeviceDownTypes ?? new HashSet<string>(Names),
                e.TryGetValue("link-down-types", out var l) ? Strings(l) : fallback?.LinkDownTypes ?? new HashSet<string>(Names),
                e.TryGetValue("informational-types", out var i) ? Strings(i) : fallback?.InformationalTypes ?? new HashSet<string>(Names),
                severity);
        }

        private BaseRule? BaseRuleOf(YamlMappingNode map)
        {
            var e = Entries(map, "a base rule", "name", "when", "priority");
            var name = Required(map, e, "name", "a base rule");
            var when = e.TryGetValue("when", out var w) ? ConditionOf(w) : Condition.Always;
            var priority = e.TryGetValue("priority", out var p) ? Priority(p) : Missing<IncidentPriority?>(map, "priority", "a base rule");
            return name is null || when is null || priority is null ? null : new BaseRule(name, when, priority.Value);
        }

        private Adjustment? AdjustmentOf(YamlMappingNode map)
        {
            var e = Entries(map, "an adjustment", "name", "when", "raise", "lower");
            var name = Required(map, e, "name", "an adjustment");
            var when = e.TryGetValue("when", out var w) ? ConditionOf(w) : Condition.Always;
            int? levels = null;
            if (e.TryGetValue("raise", out var raise) == e.TryGetValue("lower", out var lower))
            {
                Problem(map, "an adjustment needs exactly one of 'raise' or 'lower' (how many levels, 1 to 3)");
            }
            else
            {
                levels = raise is not null ? Int(raise, "raise", 1, 3) : -Int(lower!, "lower", 1, 3);
            }
            return name is null || when is null || levels is null ? null : new Adjustment(name, when, levels.Value);
        }

        private Condition? ConditionOf(YamlNode node)
        {
            if (node is YamlScalarNode { Value: null or "" or "~" })
            {
                return Condition.Always;
            }
            if (Mapping(node, "when") is not { } map)
            {
                return null;
            }
            var e = Entries(map, "when", "category", "min-criticality", "min-severity", "site-isolated", "redundancy", "min-cut-off-devices",
                "alarm-types", "services", "customers", "sites", "elements", "days", "hours", "calendar");
            var condition = new Condition
            {
                Categories = e.TryGetValue("category", out var cat) ? Categories(cat) : null,
                MinCriticality = e.TryGetValue("min-criticality", out var crit) ? Named<Criticality>(crit, "min-criticality") : null,
                MinSeverity = e.TryGetValue("min-severity", out var sev) ? Severity(sev) : null,
                SiteIsolated = e.TryGetValue("site-isolated", out var iso) ? Bool(iso, "site-isolated") : null,
                Redundancy = e.TryGetValue("redundancy", out var red) ? Redundancy(red) : null,
                MinCutOffDevices = e.TryGetValue("min-cut-off-devices", out var cut) ? Int(cut, "min-cut-off-devices", 0, 1_000_000) : null,
                AlarmTypes = e.TryGetValue("alarm-types", out var types) ? Strings(types) : null,
                Services = e.TryGetValue("services", out var svc) ? Strings(svc) : null,
                Customers = e.TryGetValue("customers", out var cus) ? Strings(cus) : null,
                Sites = e.TryGetValue("sites", out var sites) ? Strings(sites) : null,
                Elements = e.TryGetValue("elements", out var el) ? Elements(el) : null,
                Days = e.TryGetValue("days", out var days) ? Days(days) : null,
                Hours = e.TryGetValue("hours", out var hours) ? Hours(hours) : null,
                Calendar = e.TryGetValue("calendar", out var calendar) ? Scalar(calendar, "calendar") : null,
            };
            if (condition.Calendar is not null)
            {
                _calendarReferences.Add((condition.Calendar, calendar!));
            }
            return condition;
        }

        private Dictionary<string, BusinessCalendar> Calendars(YamlNode node)
        {
            var calendars = new Dictionary<string, BusinessCalendar>(Names);
            if (node is YamlScalarNode { Value: null or "" or "~" } || Mapping(node, "calendars") is not { } map)
            {
                return calendars;
            }
            foreach (var (keyNode, value) in map.Children)
            {
                if (Scalar(keyNode, "a calendar's name") is not { } name || Mapping(value, $"calendar '{name}'") is not { } body)
                {
                    continue;
                }
                var e = Entries(body, $"calendar '{name}'", "dates", "ranges", "annual", "days");
                var dates = new HashSet<DateOnly>();
                var ranges = new List<(DateOnly, DateOnly)>();
                var annual = new HashSet<(int, int)>();
                foreach (var item in e.TryGetValue("dates", out var d) ? Items(d) : [])
                {
                    if (Date(item) is { } date)
                    {
                        dates.Add(date);
                    }
                }
                foreach (var item in e.TryGetValue("ranges", out var r) ? Items(r) : [])
                {
                    var parts = (item as YamlScalarNode)?.Value?.Split("..", StringSplitOptions.TrimEntries);
                    if (parts is not { Length: 2 } || !DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                        || !DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) || to < from)
                    {
                        Problem(item, "a range is written 'yyyy-MM-dd..yyyy-MM-dd', first date not after the second");
                        continue;
                    }
                    ranges.Add((from, to));
                }
                foreach (var item in e.TryGetValue("annual", out var a) ? Items(a) : [])
                {
                    if (item is YamlScalarNode { Value: { } text } && DateOnly.TryParseExact("2000-" + text, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                            DateTimeStyles.None, out var day))
                    {
                        annual.Add((day.Month, day.Day));
                    }
                    else
                    {
                        Problem(item, "an annual date is written 'MM-dd' (12-24 for Christmas Eve)");
                    }
                }
                var days = e.TryGetValue("days", out var w) ? Days(w) ?? new HashSet<DayOfWeek>() : new HashSet<DayOfWeek>();
                if (!calendars.TryAdd(name, new BusinessCalendar(name, dates, ranges, annual, days)))
                {
                    Problem(keyNode, $"calendar '{name}' is defined twice (names are compared without regard to case)");
                }
            }
            return calendars;
        }

        private WatchList? Watch(YamlNode node)
        {
            if (Mapping(node, "watch") is not { } map)
            {
                return null;
            }
            var e = Entries(map, "watch", "raise", "customers", "services", "sites", "devices");
            return new WatchList(
                e.TryGetValue("raise", out var r) ? Int(r, "raise", 0, 3) ?? 1 : 1,
                e.TryGetValue("customers", out var c) ? Strings(c) : new HashSet<string>(Names),
                e.TryGetValue("services", out var s) ? Strings(s) : new HashSet<string>(Names),
                e.TryGetValue("sites", out var si) ? Strings(si) : new HashSet<string>(Names),
                e.TryGetValue("devices", out var d) ? Strings(d) : new HashSet<string>(Names));
        }

        private List<ChecklistTemplate>? Templates(YamlNode node, IReadOnlyList<ChecklistTemplate>? fallback)
        {
            var templates = Each(node, "checklists", map =>
            {
                var e = Entries(map, "a checklist template", "name", "category", "elements", "items");
                var name = Required(map, e, "name", "a checklist template");
                var categories = e.TryGetValue("category", out var c) ? Categories(c) : Missing<IReadOnlySet<IncidentCategory>?>(map, "category", "a checklist template");
                var elements = e.TryGetValue("elements", out var el) ? Elements(el) : new HashSet<string>(Names);
                var items = e.TryGetValue("items", out var i) ? Items(i).Select(n => Scalar(n, "a checklist item")).OfType<string>().ToList() : [];
                if (items.Count == 0)
                {
                    Problem(map, "a checklist template needs at least one item");
                }
                return name is null || categories is null || elements is null || items.Count == 0
                    ? null
                    : new ChecklistTemplate(name, categories, elements, items);
            });
            foreach (var duplicate in templates.GroupBy(x => x.Name, Names).Where(g => g.Count() > 1))
            {
                Problem(node, $"checklist template '{duplicate.Key}' is defined {duplicate.Count()} times");
            }
            // Categories the file gives no catch-all template for keep the built-in one, after the file's own.
            var uncovered = (fallback ?? []).Where(f => f.Elements.Count == 0
                && f.Categories.Any(cat => !templates.Any(x => x.Categories.Contains(cat) && x.Elements.Count == 0))
                && !templates.Any(x => Names.Equals(x.Name, f.Name)));
            return [.. templates, .. uncovered];
        }

        private List<T> Each<T>(YamlNode node, string what, Func<YamlMappingNode, T?> read) where T : class
        {
            var list = new List<T>();
            foreach (var item in Items(node))
            {
                if (Mapping(item, $"an entry of {what}") is { } map && read(map) is { } value)
                {
                    list.Add(value);
                }
            }
            return list;
        }

        private IEnumerable<YamlNode> Items(YamlNode node) => node switch
        {
            YamlSequenceNode sequence => sequence.Children,
            YamlScalarNode { Value: null or "" or "~" } => [],
            YamlScalarNode scalar => [scalar],
            _ => Report(node, "expected a list"),
        };

        private IEnumerable<YamlNode> Report(YamlNode node, string message)
        {
            Problem(node, message);
            return [];
        }

        private HashSet<string> Strings(YamlNode node) =>
            new(Items(node).Select(n => Scalar(n, "a name")).OfType<string>(), Names);

        private HashSet<IncidentCategory>? Categories(YamlNode node)
        {
            var set = new HashSet<IncidentCategory>();
            foreach (var item in Items(node))
            {
                if (Scalar(item, "a category") is { } text)
                {
                    if (System.Enum.TryParse<IncidentCategory>(text, ignoreCase: true, out var category) && System.Enum.IsDefined(category)
                        && !int.TryParse(text, CultureInfo.InvariantCulture, out _))
                    {
                        set.Add(category);
                    }
                    else
                    {
                        Problem(item, $"unknown category '{text}' (outage, impairment, informational)");
                    }
                }
            }
            return set.Count > 0 ? set : null;
        }

        private HashSet<string>? Elements(YamlNode node)
        {
            var set = new HashSet<string>(Names);
            foreach (var item in Items(node))
            {
                if (Scalar(item, "an element") is not { } text)
                {
                    continue;
                }
                var known = text is "link" or "site"
                    || CmdbNames.TryParse<DeviceRole>(text, out _)
                    || (text.StartsWith("link:", StringComparison.OrdinalIgnoreCase) && CmdbNames.TryParse<LinkKind>(text[5..], out _));
                if (known)
                {
                    set.Add(text);
                }
                else
                {
                    Problem(item, $"unknown element '{text}': a device role ({CmdbNames.AllOf<DeviceRole>()}), 'site', 'link' or 'link:' and a link kind ({CmdbNames.AllOf<LinkKind>()})");
                }
            }
            return set;
        }

        private HashSet<DayOfWeek>? Days(YamlNode node)
        {
            var set = new HashSet<DayOfWeek>();
            foreach (var item in Items(node))
            {
                if (Scalar(item, "a day") is { } text)
                {
                    if (DayNames.TryGetValue(text, out var day))
                    {
                        set.Add(day);
                    }
                    else
                    {
                        Problem(item, $"unknown day '{text}' (mon, tue, wed, thu, fri, sat, sun)");
                    }
                }
            }
            return set;
        }

        private TimeOfDayRange? Hours(YamlNode node)
        {
            var parts = Scalar(node, "hours")?.Split('-', StringSplitOptions.TrimEntries);
            if (parts is { Length: 2 } && TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                && (TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) || parts[1] == "24:00")
                && (from != to || parts[1] == "24:00"))
            {
                return new TimeOfDayRange(from, parts[1] == "24:00" ? TimeOnly.MinValue : to);
            }
            Problem(node, "hours are written 'HH:mm-HH:mm' in the policy's time zone (20:00-07:00 runs past midnight)");
            return null;
        }

        private DateOnly? Date(YamlNode node)
        {
            if (node is YamlScalarNode { Value: { } text } && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }
            Problem(node, "a date is written yyyy-MM-dd");
            return null;
        }

        private IncidentPriority? Priority(YamlNode node)
        {
            var text = Scalar(node, "priority");
            if (text is { Length: 2 } && (text[0] is 'P' or 'p') && text[1] is >= '1' and <= '4')
            {
                return (IncidentPriority)(text[1] - '0');
            }
            Problem(node, $"priority must be P1, P2, P3 or P4, not '{text}'");
            return null;
        }

        private AlarmSeverity? Severity(YamlNode node)
        {
            var text = Scalar(node, "a severity");
            if (text is not null && !int.TryParse(text, CultureInfo.InvariantCulture, out _)
                && System.Enum.TryParse<AlarmSeverity>(text, ignoreCase: true, out var severity) && System.Enum.IsDefined(severity))
            {
                return severity;
            }
            Problem(node, $"unknown severity '{text}' (info, warning, minor, major, critical)");
            return null;
        }

        private RedundancyState? Redundancy(YamlNode node)
        {
            var text = Scalar(node, "redundancy");
            if (Names.Equals(text, "degraded"))
            {
                return RedundancyState.Degraded;
            }
            if (Names.Equals(text, "exhausted"))
            {
                return RedundancyState.Exhausted;
            }
            Problem(node, $"redundancy must be 'degraded' (a group lost a member, a spare carries on) or 'exhausted' (every member down), not '{text}'");
            return null;
        }

        private T? Named<T>(YamlNode node, string what) where T : struct, System.Enum
        {
            var text = Scalar(node, what);
            if (CmdbNames.TryParse<T>(text, out var value))
            {
                return value;
            }
            Problem(node, $"unknown {what} '{text}' ({CmdbNames.AllOf<T>()})");
            return null;
        }

        private bool? Bool(YamlNode node, string what)
        {
            var text = Scalar(node, what);
            if (bool.TryParse(text, out var value))
            {
                return value;
            }
            Problem(node, $"{what} must be true or false, not '{text}'");
            return null;
        }

        private int? Int(YamlNode node, string what, int min, int max)
        {
            var text = Scalar(node, what);
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }
            Problem(node, $"{what} must be a whole number from {min} to {max}, not '{text}'");
            return null;
        }

        private string? Required(YamlMappingNode map, Dictionary<string, YamlNode> entries, string key, string what) =>
            entries.TryGetValue(key, out var node) ? Scalar(node, key) : Missing<string>(map, key, what);

        private T? Missing<T>(YamlNode at, string key, string what)
        {
            Problem(at, $"{what} needs '{key}'");
            return default;
        }

        private string? Scalar(YamlNode node, string what)
        {
            if (node is YamlScalarNode { Value: { Length: > 0 } value } && value != "~")
            {
                return value;
            }
            Problem(node, node is YamlScalarNode ? $"{what} is empty" : $"{what} must be a single value, not a list or mapping");
            return null;
        }

        private YamlMappingNode? Mapping(YamlNode node, string what)
        {
            if (node is YamlMappingNode map)
            {
                return map;
            }
            Problem(node, $"{what} must be a mapping (key: value lines)");
            return null;
        }

        /// <summary>The mapping's entries by key; unknown keys are reported, since a misspelt key would otherwise be silently ignored.</summary>
        private Dictionary<string, YamlNode> Entries(YamlMappingNode map, string what, params string[] known)
        {
            var entries = new Dictionary<string, YamlNode>(Names);
            foreach (var (keyNode, value) in map.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? "";
                if (known.Contains(key, Names))
                {
                    entries[key] = value;
                }
                else
                {
                    Problem(keyNode, $"unknown key '{key}' in {what} (expected {string.Join(", ", known)})");
                }
            }
            return entries;
        }

        private void Problem(YamlNode? at, string message) =>
            problems.Add(at is null
                ? new PolicyProblem(path, 0, 0, message)
                : new PolicyProblem(path, checked((int)at.Start.Line), checked((int)at.Start.Column), message));

        private static string Inner(YamlException e) => e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
    }
}
