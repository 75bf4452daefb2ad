using Correlation.Console.Audit;
using Correlation.Console.Maintenance;
using Correlation.Contracts;
using Correlation.ServiceDefaults.Access;
using MassTransit;

namespace Correlation.Console.Api;

/// <summary>
/// What admins manage through the console: the audit trail, and maintenance windows (scheduled and cancelled by
/// commands the router carries out). Viewers may list the windows scheduled here.
/// </summary>
public static partial class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/audit", ListAuditAsync).WithTags("Audit").RequireAdmin().WithName("ListAudit")
            .WithSummary("Write actions newest first: who, when, what and how it ended; by incident, caller or action; paged with before=<id>.")
            .Produces<IReadOnlyList<AuditRecord>>().ProducesValidationProblem();

        var maintenance = endpoints.MapGroup("/api/v1/maintenance").WithTags("Maintenance");
        maintenance.MapGet("/", async (MaintenanceLedger ledger) => Results.Ok(await ledger.ListAsync()))
            .RequireViewer().WithName("ListMaintenance")
            .WithSummary("Maintenance windows scheduled through the console (windows in the router's own files are not listed).")
            .Produces<IReadOnlyList<ScheduledMaintenance>>();
        maintenance.MapPost("/", ScheduleAsync).RequireAdmin().WithName("ScheduleMaintenance")
            .WithSummary("Schedule (or replace, by id) a maintenance window: publishes ScheduleMaintenance for the router.")
            .Accepts<MaintenanceRequest>("application/json")
            .Produces<ActionAccepted>(StatusCodes.Status202Accepted).ProducesValidationProblem();
        maintenance.MapDelete("/{windowId}", CancelAsync).RequireAdmin().WithName("CancelMaintenance")
            .WithSummary("Cancel a maintenance window: publishes CancelMaintenance for the router.")
            .Produces<ActionAccepted>(StatusCodes.Status202Accepted).ProducesValidationProblem();
    }

    private static async Task<IResult> ListAuditAsync(AuditTrail audit, string? incident, string? by, string? action, string? before, string? limit)
    {
        Guid? incidentId = null;
        if (IncidentEndpoints.Blank(incident) is { } text)
        {
            if (!Guid.TryParse(text, out var parsed))
            {
                return ApiProblems.Field("incident", $"'{incident}' is not an incident id.");
            }

            incidentId = parsed;
        }

        if (before is not null && IncidentEndpoints.ParseStreamId(before) is null)
        {
            return ApiProblems.Field("before", $"'{before}' is not an audit record id.");
        }

        if (IncidentEndpoints.ParseInt(limit, 100) is not { } take || take < 1 || take > 1000)
        {
            return ApiProblems.Field("limit", "must be a whole number between 1 and 1000.");
        }

        return Results.Ok(await audit.ListAsync(incidentId, IncidentEndpoints.Blank(by), IncidentEndpoints.Blank(action), before, take));
    }

    private static async Task<IResult> ScheduleAsync(HttpContext http, MaintenanceLedger ledger, AuditTrail audit, IPublishEndpoint bus, TimeProvider clock)
    {
        var (body, problem) = await ApiProblems.ReadBodyAsync<MaintenanceRequest>(http.Request);
        if (problem is not null)
        {
            return problem;
        }

        var (window, invalid) = ToWindow(body!);
        if (invalid is not null)
        {
            return invalid;
        }

        var by = http.User.CallerName();
        var now = clock.GetUtcNow();
        await bus.Publish(new ScheduleMaintenance(window!, by, now), http.RequestAborted);
        await ledger.ScheduledAsync(new ScheduledMaintenance(window!, by, now));
        var record = await audit.RecordAsync(http.User, nameof(ScheduleMaintenance), [], "accepted", StatusCodes.Status202Accepted, window);
        return Results.Accepted(value: new ActionAccepted(nameof(ScheduleMaintenance), [], by, now, record.Id));
    }

    private static async Task<IResult> CancelAsync(string windowId, HttpContext http, MaintenanceLedger ledger, AuditTrail audit, IPublishEndpoint bus, TimeProvider clock)
    {
        if (!WindowId().IsMatch(windowId))
        {
            return ApiProblems.Field("windowId", "letters, digits, '.', '_' and '-' only, at most 100.");
        }

        var by = http.User.CallerName();
        var now = clock.GetUtcNow();
        await bus.Publish(new CancelMaintenance(windowId, by, now), http.RequestAborted);
        await ledger.CancelledAsync(windowId);
        var record = await audit.RecordAsync(http.User, nameof(CancelMaintenance), [], "accepted", StatusCodes.Status202Accepted, new { windowId });
        return Results.Accepted(value: new ActionAccepted(nameof(CancelMaintenance), [], by, now, record.Id));
    }

    private static (MaintenanceWindow? Window, IResult? Problem) ToWindow(MaintenanceRequest body)
    {
        if (string.IsNullOrWhiteSpace(body.Id) || !WindowId().IsMatch(body.Id))
        {
            return (null, ApiProblems.Field("id", "is required: letters, digits, '.', '_' and '-' only, at most 100."));
        }

        if ((ApiProblems.RequireText("name", body.Name, 200) ?? ApiProblems.OptionalText("changeReference", body.ChangeReference, 200)) is { } text)
        {
            return (null, text);
        }

        var scope = body.Scope;
        if (scope is null || (scope.Sites?.Count ?? 0) + (scope.Devices?.Count ?? 0) + (scope.Services?.Count ?? 0) == 0)
        {
            return (null, ApiProblems.Field("scope", "name at least one site, device or service."));
        }

        if (body.Recurrence is null)
        {
            if (body.StartsAt is null)
            {
                return (null, ApiProblems.Field("startsAt", "is required for a one-off window."));
            }

            if (body.EndsAt is null || body.EndsAt <= body.StartsAt)
            {
                return (null, ApiProblems.Field("endsAt", "is required for a one-off window and must be after startsAt."));
            }
        }
        else if (body.StartsAt is { } s && body.EndsAt is { } e && e <= s)
        {
            return (null, ApiProblems.Field("endsAt", "must be after startsAt."));
        }

        MaintenanceRecurrence? recurrence = null;
        if (body.Recurrence is { } r)
        {
            if (string.IsNullOrWhiteSpace(r.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(r.TimeZone, out _))
            {
                return (null, ApiProblems.Field("recurrence.timeZone", $"'{r.TimeZone}' is not a known time zone (an IANA id such as Europe/London)."));
            }

            if (r.StartTime is not { } start || start < TimeSpan.Zero || start >= TimeSpan.FromDays(1))
            {
                return (null, ApiProblems.Field("recurrence.startTime", "is required: a time of day such as 02:00:00."));
            }

            if (r.Duration is not { } duration || duration <= TimeSpan.Zero || duration > TimeSpan.FromDays(7))
            {
                return (null, ApiProblems.Field("recurrence.duration", "is required: more than zero and at most 7 days, such as 04:00:00."));
            }

            recurrence = new MaintenanceRecurrence(r.TimeZone, r.Days ?? [], start, duration);
        }

        return (new MaintenanceWindow(body.Id, body.Name!.Trim(), body.ChangeReference?.Trim(),
            new MaintenanceScope(scope.Sites ?? [], scope.Devices ?? [], scope.Services ?? []), body.StartsAt, body.EndsAt, recurrence), null);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial System.Text.RegularExpressions.Regex WindowId();
}
