namespace Correlation.Ingest.Chat.Reports;

/// <summary>Where a site or service of a report came from.</summary>
internal enum PlaceSource
{
    /// <summary>Not found.</summary>
    None,

    /// <summary>The reporter wrote site=… or service=…, and the CMDB knows it (by id or name).</summary>
    Key,

    /// <summary>The reporter wrote site=… or service=…, and the CMDB does not know it: kept as written.</summary>
    KeyNotInCmdb,

    /// <summary>A CMDB id or name found in the text.</summary>
    Text,
}

/// <summary>Where in the network a report is about: the CMDB's ids when it knows them.</summary>
internal sealed record Placement(string? Site, PlaceSource SiteFrom, string? Service, PlaceSource ServiceFrom)
{
    public bool IsPlaced => Site is not null || Service is not null;
}
