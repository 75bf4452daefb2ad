using System.Text.Json;
using System.Text.Json.Nodes;
using Correlation.ServiceDefaults.Access;
using StackExchange.Redis;

namespace Correlation.Correlator.Live;

/// <summary>
/// The decision records over HTTP: <c>GET /api/v1/alarms/{id}/explanation</c> for one alarm, and
/// <c>GET /api/v1/incidents/{id}/explanations</c> for the alarms of an incident (newest last).
/// An alarm's record also says which incident holds it now (<c>currentIncidentId</c>), which differs
/// from the one it joined when that incident was later merged into another.
/// </summary>
public static class ExplanationEndpoints
{
    public static IEndpointRouteBuilder MapExplanations(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/v1/alarms/{id:guid}/explanation", async (Guid id, IConnectionMultiplexer redis, WindowKeys keys) =>
        {
            var db = redis.GetDatabase();
            var json = await db.StringGetAsync(keys.Explanation(id));
            if (json.IsNull)
            {
                return Results.Problem($"No decision record for alarm {id}: it was never correlated, or its record has expired.",
                    statusCode: StatusCodes.Status404NotFound);
            }

            var record = JsonNode.Parse((string)json!)!.AsObject();
            var incident = (string?)record["incidentId"];
            for (var hops = 0; incident is not null && hops < 32; hops++)
            {
                var into = await db.HashGetAsync(keys.Incident(incident), "into");
                if (into.IsNull)
                {
                    break;
                }

                incident = into;
            }

            record["currentIncidentId"] = incident;
            return Results.Text(record.ToJsonString(), "application/json");
        }).RequireViewer();
        app.MapGet("/api/v1/incidents/{id:guid}/explanations", async (Guid id, IConnectionMultiplexer redis, WindowKeys keys) =>
        {
            var db = redis.GetDatabase();
            var alarms = await db.ListRangeAsync(keys.Explanations(id.ToString("D")));
            if (alarms.Length == 0)
            {
                return Results.Problem($"No decision records for incident {id}.", statusCode: StatusCodes.Status404NotFound);
            }

            var records = await db.StringGetAsync([.. alarms.Select(a => (RedisKey)keys.Explanation(Guid.Parse((string)a!)))]);
            var items = records.Where(r => !r.IsNull).Select(r => JsonDocument.Parse((string)r!).RootElement).ToList();
            return Results.Json(new { incidentId = id, explanations = items });
        }).RequireViewer();
        return app;
    }
}
