using Correlation.Correlator.Live;
using Correlation.Correlator.Scoring;
using Correlation.Ingest.Replay;
using Correlation.ServiceDefaults.Access;
using Correlation.Topology;
using Microsoft.AspNetCore.Mvc;

namespace Correlation.Correlator.Rules;

/// <summary>
/// Correlation rules over HTTP: <c>GET /api/v1/rules</c> (the rules in use and the activations before them),
/// <c>POST /api/v1/rules/validate</c> (a rules file as the body: its problems with line and column, or its
/// version), <c>POST /api/v1/rules/dry-run</c> (a form with <c>rules</c> and a recorded <c>storm</c>: both
/// evaluations side by side) and <c>POST /api/v1/rules/activate</c> (admins: every correlator takes it up).
/// </summary>
public static class RulesEndpoints
{
    /// <summary>The largest storm a dry run takes in one request.</summary>
    public const long MaxStormBytes = 64L * 1024 * 1024;

    private const int MaxRulesBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapRules(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var rules = app.MapGroup("/api/v1/rules");
        rules.MapGet("/", async (ActiveRules active, RulesStore store) =>
        {
            var current = active.Current;
            return Results.Json(new
            {
                active = new { current.Version, current.Source, current.ActivatedBy, current.ActivatedAt, current.Text },
                history = await store.HistoryAsync(),
            });
        }).RequireViewer();

        rules.MapPost("/validate", async (HttpRequest request) =>
        {
            if (await ReadTextAsync(request.Body, MaxRulesBytes) is not { } text)
            {
                return TooLarge("rules", MaxRulesBytes);
            }

            try
            {
                var options = ScoringRules.Parse(text, "rules");
                return Results.Json(new { valid = true, version = ScoringRules.Version(options) });
            }
            catch (RulesValidationException ex)
            {
                return Invalid(ex);
            }
        }).RequireOperator();

        rules.MapPost("/activate", async (HttpRequest request, HttpContext http, RulesStore store, ActiveRules active, TimeProvider time) =>
        {
            if (await ReadTextAsync(request.Body, MaxRulesBytes) is not { } text)
            {
                return TooLarge("rules", MaxRulesBytes);
            }

            try
            {
                var set = await store.ActivateAsync(text, http.User.Identity?.Name ?? "unknown", time.GetUtcNow());
                // This correlator at once; the others within their poll interval.
                active.Use(set);
                return Results.Json(new { set.Version, set.ActivatedBy, set.ActivatedAt });
            }
            catch (RulesValidationException ex)
            {
                return Invalid(ex);
            }
        }).RequireAdmin();

        rules.MapPost("/dry-run", async (HttpRequest request, ActiveRules active, TopologyProvider topology, LearnedModels models) =>
        {
            if (!request.HasFormContentType)
            {
                return Results.Problem("Send a multipart form with a 'rules' file (the candidate rules) and a 'storm' file (JSON Lines of alarms).",
                    statusCode: StatusCodes.Status415UnsupportedMediaType);
            }

            var form = await request.ReadFormAsync();
            if (form.Files["rules"] is not { } rulesFile || form.Files["storm"] is not { } stormFile)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["rules"] = form.Files["rules"] is null ? ["the candidate rules file is missing"] : [],
                    ["storm"] = form.Files["storm"] is null ? ["the recorded storm (JSON Lines) is missing"] : [],
                });
            }

            if (rulesFile.Length > MaxRulesBytes || stormFile.Length > MaxStormBytes)
            {
                return TooLarge(rulesFile.Length > MaxRulesBytes ? "rules" : "storm", rulesFile.Length > MaxRulesBytes ? MaxRulesBytes : MaxStormBytes);
            }

            ScoringOptions candidate;
            using (var reader = new StreamReader(rulesFile.OpenReadStream()))
            {
                try
                {
                    candidate = ScoringRules.Parse(await reader.ReadToEndAsync(), rulesFile.FileName);
                }
                catch (RulesValidationException ex)
                {
                    return Invalid(ex);
                }
            }

            using var storm = new StreamReader(stormFile.OpenReadStream());
            var read = StormReader.Read(storm, stormFile.FileName);
            if (!read.IsValid)
            {
                return Results.Problem(title: "The storm file has bad lines", statusCode: StatusCodes.Status400BadRequest,
                    extensions: new Dictionary<string, object?> { ["errors"] = read.Errors.Select(e => e.ToString()).ToList() });
            }

            var (inUse, tried) = RulesDryRun.Run(read.Value!, topology.Snapshot.Topology, active.Current, candidate, models.ForScoring);
            return Results.Json(new { active = inUse, candidate = tried });
        }).RequireOperator().DisableAntiforgery();
        return app;
    }

    private static async Task<string?> ReadTextAsync(Stream body, int limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static IResult Invalid(RulesValidationException ex) =>
        Results.Problem(title: "The rules are not valid", statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = ex.Problems.Select(p => p.ToString()).ToList() });

    private static IResult TooLarge(string what, long limit) =>
        Results.Problem($"The {what} is larger than {limit:N0} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
}
