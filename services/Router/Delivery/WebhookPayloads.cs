using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Correlation.Contracts;
using Correlation.Router.Configuration;
using Correlation.Router.Projection;

namespace Correlation.Router.Delivery;

/// <summary>The body a webhook of each format expects for a notice.</summary>
public static class WebhookPayloads
{
    public static string Format(WebhookTarget target, Notice notice)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(notice);
        return target.Format switch
        {
            WebhookFormat.Slack => Slack(notice).ToJsonString(),
            WebhookFormat.Teams => Teams(notice).ToJsonString(),
            WebhookFormat.PagerDuty => PagerDuty(notice, target.RoutingKey ?? "").ToJsonString(),
            _ => JsonSerializer.Serialize(notice, IncidentProjectionStore.Json),
        };
    }

    public static string Headline(Notice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var what = notice.Kind switch
        {
            NoticeKind.Escalated => $"ESCALATED ({Words(notice.Escalation)}, level {notice.Level})",
            NoticeKind.Resolved => "RESOLVED",
            _ => notice.Category?.ToString().ToUpperInvariant() ?? "INCIDENT",
        };
        return $"[{notice.Priority}] {what}: {notice.Title}" + (notice.Site is null ? "" : $" at {notice.Site}");
    }

    private static string Words(EscalationReason? reason) => reason switch
    {
        EscalationReason.NotAcknowledged => "not acknowledged",
        EscalationReason.NoProgress => "no progress",
        EscalationReason.Growing => "still growing",
        EscalationReason.DeadlineAtRisk => "resolution deadline at risk",
        EscalationReason.DeadlineMissed => "resolution deadline missed",
        EscalationReason.FollowUp => "mandatory follow-up",
        _ => "escalated",
    };

    private static List<(string Name, string Value)> Facts(Notice n)
    {
        var facts = new List<(string, string)>
        {
            ("Priority", n.Priority.ToString()),
            ("State", n.State.ToString()),
            ("Members", $"{n.ActiveMemberCount} active of {n.MemberCount}"),
        };
        if (n.Services.Count > 0)
        {
            facts.Add(("Services", string.Join(", ", n.Services)));
        }

        if (n.Customers.Count > 0)
        {
            facts.Add(("Customers", string.Join(", ", n.Customers)));
        }

        if (n.Recipients.Count > 0)
        {
            facts.Add(("On call", string.Join(", ", n.Recipients.Select(r => $"{r.Name} ({r.Function})"))));
        }

        facts.Add(("Acknowledged", n.AcknowledgedBy ?? "no"));
        facts.Add(("Incident", n.IncidentId.ToString("D")));
        return facts;
    }

    private static JsonObject Slack(Notice n)
    {
        var facts = Facts(n);
        return new JsonObject
        {
            ["text"] = Headline(n),
            ["blocks"] = new JsonArray(
                new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Clip(Headline(n), 150) } },
                new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Clip(n.Reason, 3000) } },
                new JsonObject
                {
                    ["type"] = "section",
                    ["fields"] = new JsonArray([.. facts.Take(10).Select(f => (JsonNode)new JsonObject { ["type"] = "mrkdwn", ["text"] = $"*{f.Name}*\n{f.Value}" })]),
                }),
        };
    }

    private static JsonObject Teams(Notice n) => new()
    {
        ["type"] = "message",
        ["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.card.adaptive",
            ["content"] = new JsonObject
            {
                ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                ["type"] = "AdaptiveCard",
                ["version"] = "1.4",
                ["body"] = new JsonArray(
                    new JsonObject { ["type"] = "TextBlock", ["text"] = Headline(n), ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
                    new JsonObject { ["type"] = "TextBlock", ["text"] = n.Reason, ["wrap"] = true },
                    new JsonObject
                    {
                        ["type"] = "FactSet",
                        ["facts"] = new JsonArray([.. Facts(n).Select(f => (JsonNode)new JsonObject { ["title"] = f.Name, ["value"] = f.Value })]),
                    }),
            },
        }),
    };

    private static JsonObject PagerDuty(Notice n, string routingKey)
    {
        var details = new JsonObject();
        foreach (var (name, value) in Facts(n))
        {
            details[name.ToLowerInvariant().Replace(' ', '_')] = value;
        }

        details["reason"] = n.Reason;
        return new JsonObject
        {
            ["routing_key"] = routingKey,
            ["event_action"] = n.Kind == NoticeKind.Resolved ? "resolve" : "trigger",
            // One PagerDuty alert per incident: routes and escalations update it, the resolve closes it.
            ["dedup_key"] = n.IncidentId.ToString("D"),
            ["client"] = "Correlation",
            ["payload"] = new JsonObject
            {
                ["summary"] = Clip(Headline(n), 1024),
                ["source"] = n.Site ?? "correlation",
                ["severity"] = n.Priority switch
                {
                    IncidentPriority.P1 => "critical",
                    IncidentPriority.P2 => "error",
                    IncidentPriority.P3 => "warning",
                    _ => "info",
                },
                ["timestamp"] = n.At.ToString("O", CultureInfo.InvariantCulture),
                ["group"] = n.Region ?? n.Site,
                ["class"] = n.Category?.ToString().ToLowerInvariant(),
                ["custom_details"] = details,
            },
        };
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
