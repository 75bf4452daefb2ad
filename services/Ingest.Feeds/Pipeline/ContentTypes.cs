namespace Correlation.Ingest.Feeds.Pipeline;

/// <summary>Which request content types a JSON feed accepts.</summary>
public static class ContentTypes
{
    /// <summary>JSON, any "+json" type, or none named (a sender that names nothing is given the benefit).</summary>
    public static bool IsJson(string? contentType)
    {
        var media = MediaType(contentType);
        return media.Length == 0
            || media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The media type without parameters ("application/json; charset=utf-8" gives "application/json").</summary>
    public static string MediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return "";
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
    }
}
