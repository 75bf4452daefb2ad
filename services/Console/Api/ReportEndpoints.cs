using Correlation.Console.Reports;
using Correlation.Console.Throughput;
using Correlation.ServiceDefaults;
using Correlation.ServiceDefaults.Access;

namespace Correlation.Console.Api;

/// <summary>Reports for problem management and the throughput page (with the dead letters). Viewers may call them.</summary>
public static class ReportEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/reports").WithTags("Reports").RequireViewer();
        group.MapGet("/patterns", PatternsAsync).WithName("GetPatterns")
            .WithSummary("Elements, sites and root-cause categories that recur among incidents resolved in a period (default: the last 30 days, at least 3 times).")
            .Produces<PatternsReport>().ProducesValidationProblem();
        group.MapGet("/throughput", ThroughputAsync).WithName("GetThroughput")
            .WithSummary("Per-minute alarms in, incidents out, compression, latency and backlog over the last minutes (default 60, at most 2880).")
            .Produces<IReadOnlyList<ThroughputPoint>>().ProducesValidationProblem();
        group.MapGet("/dead-letters", DeadLettersAsync).WithName("GetDeadLetters")
            .WithSummary("Messages a consumer gave up on after its retries, newest first, from every service: queue, consumer, message type and id, and the failure. The messages themselves wait in the queue's _error queue; paged with before=<id>.")
            .Produces<DeadLetterPage>().ProducesValidationProblem();
    }

    private static async Task<IResult> PatternsAsync(PatternReporter reporter, TimeProvider clock, string? from, string? to, string? minOccurrences)
    {
        if (IncidentEndpoints.ParseTime(to) is not { } end)
        {
            return ApiProblems.Field("to", $"'{to}' is not an ISO 8601 date and time.");
        }

        if (IncidentEndpoints.ParseTime(from) is not { } start)
        {
            return ApiProblems.Field("from", $"'{from}' is not an ISO 8601 date and time.");
        }

        var until = end.Value ?? clock.GetUtcNow();
        var since = start.Value ?? until.AddDays(-30);
        if (since >= until)
        {
            return ApiProblems.Field("from", "must be before to.");
        }

        if (IncidentEndpoints.ParseInt(minOccurrences, 3) is not { } min || min < 2 || min > 1000)
        {
            return ApiProblems.Field("minOccurrences", "must be a whole number between 2 and 1000.");
        }

        return Results.Ok(await reporter.ReportAsync(since, until, min));
    }

    private static async Task<IResult> DeadLettersAsync(DeadLetterLedger ledger, string? limit, string? before)
    {
        if (IncidentEndpoints.ParseInt(limit, 50) is not { } take || take < 1 || take > 1000)
        {
            return ApiProblems.Field("limit", "must be a whole number between 1 and 1000.");
        }

        if (before is not null && IncidentEndpoints.ParseStreamId(before) is null)
        {
            return ApiProblems.Field("before", $"'{before}' is not a dead letter id.");
        }

        return Results.Ok(await ledger.ListAsync(take, before));
    }

    private static async Task<IResult> ThroughputAsync(ThroughputStore store, string? minutes) =>
        IncidentEndpoints.ParseInt(minutes, 60) is not { } count || count < 1 || count > 2880
            ? ApiProblems.Field("minutes", "must be a whole number between 1 and 2880.")
            : Results.Ok(await store.ReadAsync(count));
}
