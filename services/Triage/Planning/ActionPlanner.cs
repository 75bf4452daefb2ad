using Correlation.Contracts;
using Correlation.Triage.Impact;
using Correlation.Triage.Policy;

namespace Correlation.Triage.Planning;

/// <summary>
/// Makes and edits action plans. The template is the first in the policy whose category matches and whose
/// elements (if it names any) include a failed element's role or link kind. A new template keeps what people
/// did on the old checklist: items they added, and ticks on steps the new template repeats word for word.
/// </summary>
public static class ActionPlanner
{
    private const string AddedPrefix = "added-";

    public static ChecklistTemplate TemplateFor(TriagePolicy policy, Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(assessment);
        return policy.Checklists.FirstOrDefault(t => t.Categories.Contains(assessment.Category)
                   && (t.Elements.Count == 0 || t.Elements.Overlaps(assessment.Elements)))
               // The loader requires a catch-all per category; this guards a policy built by hand.
               ?? policy.Checklists[0];
    }

    public static PlanState Make(PlanState? previous, ChecklistTemplate template, IncidentCategory category,
        IReadOnlyList<SimilarIncident> similar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(similar);
        var done = (previous?.Checklist ?? []).Where(i => i.Done && !i.Id.StartsWith(AddedPrefix, StringComparison.Ordinal))
            .GroupBy(i => i.Text, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var items = template.Items
            .Select((text, i) => done.TryGetValue(text, out var ticked)
                ? new ChecklistItem($"{template.Name}-{i + 1}", text, true, ticked.DoneBy, ticked.DoneAt)
                : new ChecklistItem($"{template.Name}-{i + 1}", text, false, null, null))
            .Concat((previous?.Checklist ?? []).Where(i => i.Id.StartsWith(AddedPrefix, StringComparison.Ordinal)))
            .ToList();
        return new PlanState(template.Name, category, items, similar, previous?.NextAdded ?? 1, now);
    }

    /// <summary>The plan after the change, or null with why when it changes nothing (unknown item, already ticked, no text).</summary>
    public static (PlanState? Plan, string? Refused) Apply(PlanState plan, UpdateChecklist change)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(change);
        var items = plan.Checklist.ToList();
        if (change.Change == ChecklistChange.Add)
        {
            if (string.IsNullOrWhiteSpace(change.Text))
            {
                return (null, "an added item needs text");
            }
            // A redelivered command, or two people adding the same step, must not list it twice.
            if (items.Any(i => !i.Done && string.Equals(i.Text, change.Text.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                return (null, $"'{change.Text.Trim()}' is already on the checklist");
            }
            items.Add(new ChecklistItem(AddedPrefix + plan.NextAdded, change.Text.Trim(), false, null, null));
            return (plan with { Checklist = items, NextAdded = plan.NextAdded + 1, At = change.At }, null);
        }

        var index = items.FindIndex(i => string.Equals(i.Id, change.ItemId, StringComparison.Ordinal));
        if (index < 0)
        {
            return (null, $"no item '{change.ItemId}'");
        }
        var item = items[index];
        switch (change.Change)
        {
            case ChecklistChange.Tick when !item.Done:
                items[index] = item with { Done = true, DoneBy = change.By, DoneAt = change.At };
                break;
            case ChecklistChange.Untick when item.Done:
                items[index] = item with { Done = false, DoneBy = null, DoneAt = null };
                break;
            case ChecklistChange.Drop:
                items.RemoveAt(index);
                break;
            case ChecklistChange.Tick or ChecklistChange.Untick:
                return (null, $"item '{item.Id}' is already {(item.Done ? "ticked" : "unticked")}");
            default:
                return (null, $"unknown change {change.Change}");
        }
        return (plan with { Checklist = items, At = change.At }, null);
    }
}
