namespace Correlation.Contracts;

/// <summary>What <see cref="UpdateChecklist"/> does to an incident's checklist.</summary>
public enum ChecklistChange
{
    Tick = 1,
    Untick = 2,
    Add = 3,
    Drop = 4,
}
