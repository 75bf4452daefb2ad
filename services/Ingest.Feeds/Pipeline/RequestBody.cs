using Microsoft.AspNetCore.Http.Features;

namespace Correlation.Ingest.Feeds.Pipeline;

/// <summary>Reads a request body up to a limit, without trusting Content-Length.</summary>
public static class RequestBody
{
    /// <returns>The body, or null when it is larger than <paramref name="maxBytes"/>.</returns>
    public static async Task<PooledBuffer?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        // The limit is enforced here, with an answer in the feed's shape, rather than by the server's own default.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = null;
        }

        var buffer = new PooledBuffer((int)Math.Min(request.ContentLength ?? 4096, maxBytes) + 1);
        try
        {
            while (true)
            {
                var read = await request.Body.ReadAsync(buffer.GetMemory(4096), cancellationToken);
                if (read == 0)
                {
                    return buffer;
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > maxBytes)
                {
                    buffer.Dispose();
                    return null;
                }
            }
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }
}
