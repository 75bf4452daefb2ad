using Correlation.Contracts;

namespace Correlation.Router.Configuration;

/// <summary>Everything the routing files say, checked and ready to use; see services/Router/README.md.</summary>
public sealed record RoutingConfig(
    IReadOnlyList<RoutingRule> Rules,
    IReadOnlyList<Destination> Fallback,
    IReadOnlyDictionary<string, WebhookTarget> Webhooks,
    RosterConfig Roster,
    IReadOnlyDictionary<IncidentCategory, IReadOnlyList<string>> TeamTemplates,
    EscalationSettings Escalation,
    IReadOnlyList<MaintenanceWindow> Maintenance)
{
    /// <summary>The functions a destination may name even when the roster does not staff them.</summary>
    public static readonly IReadOnlyList<string> KnownFunctions =
    [
        "incident-coordinator", "operations", "communications", "support", "network-infrastructure", "customer-liaison", "vendor",
    ];
}

/// <summary>Where routing sends an incident: a function (through the roster), a RabbitMQ queue or a webhook.</summary>
public enum DestinationKind
{
    Function = 1,
    Queue = 2,
    Webhook = 3,
}

/// <summary>"function:incident-coordinator", "queue:noc-medium", "webhook:noc-slack".</summary>
public sealed record Destination(DestinationKind Kind, string Name)
{
    public override string ToString() => Prefix(Kind) + ":" + Name;

    public static Destination Function(string name) => new(DestinationKind.Function, name);

    public static Destination Queue(string name) => new(DestinationKind.Queue, name);

    public static Destination Webhook(string name) => new(DestinationKind.Webhook, name);

    public static bool TryParse(string? text, out Destination destination)
    {
        destination = null!;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (text is null || colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        var name = text[(colon + 1)..].Trim();
        DestinationKind? kind = text[..colon].Trim().ToLowerInvariant() switch
        {
            "function" => DestinationKind.Function,
            "queue" => DestinationKind.Queue,
            "webhook" => DestinationKind.Webhook,
            _ => null,
        };
        if (kind is null || name.Length == 0)
        {
            return false;
        }

        destination = new Destination(kind.Value, kind == DestinationKind.Function ? name.ToLowerInvariant() : name);
        return true;
    }

    private static string Prefix(DestinationKind kind) => kind switch
    {
        DestinationKind.Function => "function",
        DestinationKind.Queue => "queue",
        _ => "webhook",
    };
}

/// <summary>
/// A rule matches when every condition it gives holds (a condition with several values holds when any
/// does); conditions it leaves out hold always.
/// </summary>
public sealed record RuleMatch(
    IReadOnlySet<IncidentPriority>? Priorities,
    IReadOnlySet<IncidentCategory>? Categories,
    IReadOnlySet<string>? Services,
    IReadOnlySet<string>? Sites,
    IReadOnlySet<string>? Regions,
    IReadOnlySet<string>? Teams,
    bool? Watched)
{
    public static RuleMatch Always { get; } = new(null, null, null, null, null, null, null);
}

/// <summary>A routing rule: when <paramref name="Match"/> holds, send to <paramref name="Destinations"/>; <paramref name="Stop"/> ends the evaluation.</summary>
public sealed record RoutingRule(string Name, RuleMatch Match, IReadOnlyList<Destination> Destinations, bool Stop);

public enum WebhookFormat
{
    /// <summary>The router's own notice as JSON (services/Router/README.md shows it).</summary>
    Generic = 1,

    /// <summary>A Slack incoming-webhook message (text and blocks).</summary>
    Slack = 2,

    /// <summary>A Microsoft Teams message carrying an Adaptive Card (Workflows or incoming webhook).</summary>
    Teams = 3,

    /// <summary>A PagerDuty Events API v2 event (trigger, and resolve when the incident resolves).</summary>
    PagerDuty = 4,
}

/// <summary>An outbound webhook the rules and the roster can name.</summary>
public sealed record WebhookTarget(string Name, WebhookFormat Format, Uri Url, IReadOnlyDictionary<string, string> Headers, string? RoutingKey);

/// <summary>Someone the roster can put on call; contacts are shown to people and carried in notices.</summary>
public sealed record Person(string Id, string Name, IReadOnlyDictionary<string, string> Contacts);

/// <summary>
/// A recurring shift: on each of <paramref name="Days"/> (every day when empty) from <paramref name="From"/>
/// to <paramref name="To"/> local time in <paramref name="TimeZone"/>; a shift whose end is not after its
/// start runs past midnight into the next day.
/// </summary>
public sealed record Shift(string Name, IReadOnlySet<DayOfWeek> Days, TimeSpan From, TimeSpan To, TimeZoneInfo TimeZone, IReadOnlyList<string> People);

/// <summary>Who fills a function when, and the channels (webhooks, queues) that reach whoever is on call for it.</summary>
public sealed record FunctionRoster(string Function, IReadOnlyList<Destination> Channels, IReadOnlyList<Shift> Shifts);

public sealed record RosterConfig(IReadOnlyDictionary<string, Person> People, IReadOnlyDictionary<string, FunctionRoster> Functions)
{
    public static RosterConfig Empty { get; } = new(
        new Dictionary<string, Person>(StringComparer.OrdinalIgnoreCase),
        new Dictionary<string, FunctionRoster>(StringComparer.OrdinalIgnoreCase));
}

/// <summary>
/// When an incident that is not progressing escalates, per priority (a priority left out never escalates
/// for that reason).
/// </summary>
public sealed record EscalationSettings(
    IReadOnlyDictionary<IncidentPriority, TimeSpan> AcknowledgeWithin,
    IReadOnlyDictionary<IncidentPriority, TimeSpan> ProgressWithin,
    IReadOnlyDictionary<IncidentPriority, TimeSpan> ResolveWithin,
    double DeadlineWarningAt,
    IReadOnlyDictionary<IncidentPriority, TimeSpan> FollowUpEvery,
    TimeSpan GrowthCheckEvery,
    int GrowthMembers,
    int GrowthServices,
    IReadOnlyList<Destination> Notify);
