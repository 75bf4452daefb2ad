using Correlation.ServiceDefaults.Access;

namespace Correlation.Correlator.Operations;

/// <summary>
/// Operators' corrections as labelled feedback: <c>GET /api/v1/feedback[?since=ISO time]</c> answers JSON Lines,
/// one <see cref="FeedbackRecord"/> a line, oldest first, for `correlation evaluate --feedback` and
/// `correlation train --feedback`. Admins only: it holds every corrected incident's alarms.
/// </summary>
public static class FeedbackEndpoints
{
    public static IEndpointRouteBuilder MapFeedback(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/v1/feedback", async (HttpContext http, FeedbackStore store, DateTimeOffset? since) =>
        {
            http.Response.ContentType = "application/x-ndjson";
            await store.WriteAsync(http.Response.Body, since, http.RequestAborted);
        }).WithName("ExportFeedback").RequireAdmin();
        return app;
    }
}
