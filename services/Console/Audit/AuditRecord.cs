using System.Text.Json;

namespace Correlation.Console.Audit;

/// <summary>
/// One write action: who (the token's name and role), when, what (the action, the incidents and the request's
/// content) and how it ended ("accepted", or "refused: ..." with the status answered).
/// </summary>
public sealed record AuditRecord(
    string Id,
    DateTimeOffset At,
    string By,
    string Role,
    string Action,
    IReadOnlyList<Guid> Incidents,
    string Outcome,
    int Status,
    JsonElement? Detail);
