using Correlation.Topology;

namespace Correlation.Ingest.Chat.Reports;

/// <summary>
/// Places a report in the network: the site and service the reporter named with site=… and service=…,
/// else the first CMDB site and service whose id or name appears in the text. The index follows the
/// topology in force: it is rebuilt when a reload bumps the version.
/// </summary>
internal sealed class PlaceFinder(TopologyProvider topology)
{
    private PlaceIndex? _index;

    public Placement Find(ReportText report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var index = Index();
        var (siteInText, serviceInText) = report.Site is null || report.Service is null ? index.FindIn(report.Description) : (null, null);
        var (site, siteFrom) = Resolve(report.Site, index.Site, siteInText);
        var (service, serviceFrom) = Resolve(report.Service, index.Service, serviceInText);
        return new Placement(site, siteFrom, service, serviceFrom);
    }

    private static (string?, PlaceSource) Resolve(string? named, Func<string, string?> lookup, string? inText) =>
        named is not null
            ? lookup(named) is { } known ? (known, PlaceSource.Key) : (named, PlaceSource.KeyNotInCmdb)
            : inText is not null ? (inText, PlaceSource.Text) : (null, PlaceSource.None);

    private PlaceIndex Index()
    {
        var snapshot = topology.Snapshot;
        var index = Volatile.Read(ref _index);
        if (index is null || index.Version != snapshot.Version)
        {
            // Two threads may both build after a reload; either result is the same index.
            index = PlaceIndex.Build(snapshot.Topology, snapshot.Version);
            Volatile.Write(ref _index, index);
        }

        return index;
    }
}
