using Microsoft.AspNetCore.Http.Features;

namespace Correlation.Ingest.Chat.Pipeline;

/// <summary>Reads a request body whole, up to a limit, without trusting Content-Length: signatures need the exact bytes.</summary>
internal static class RequestBody
{
    /// <returns>The body; null when it is larger than <paramref name="maxBytes"/>; empty when the client broke off.</returns>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        // The limit is enforced here, with an answer in our shape, rather than by the server's own default.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = null;
        }

        using var buffer = new MemoryStream((int)Math.Min(request.ContentLength ?? 4096, maxBytes));
        var chunk = new byte[4096];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException)
        {
            // A malformed or truncated body: nothing usable arrived, and nothing is accepted.
            return [];
        }

        return buffer.ToArray();
    }
}
