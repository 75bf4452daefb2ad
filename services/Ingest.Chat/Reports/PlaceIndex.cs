using Correlation.Topology;

namespace Correlation.Ingest.Chat.Reports;

/// <summary>
/// The CMDB's sites and services by every way people write them (id, name, either with any case and any
/// punctuation between the words), for one topology version. Names are matched as whole words: "leeds"
/// is found in "at the Leeds office", never in "bleeds".
/// </summary>
internal sealed class PlaceIndex
{
    // Names longer than this many words are still found by id; the cap bounds the work per report word.
    private const int MaxWordsPerName = 8;

    private readonly Dictionary<string, string> _sites;
    private readonly Dictionary<string, string> _services;
    private readonly int _longest;

    private PlaceIndex(long version, Dictionary<string, string> sites, Dictionary<string, string> services)
    {
        Version = version;
        _sites = sites;
        _services = services;
        _longest = sites.Keys.Concat(services.Keys).Select(k => k.Count(c => c == ' ') + 1).DefaultIfEmpty(1).Max();
    }

    /// <summary>The topology version the index was built from.</summary>
    public long Version { get; }

    public static PlaceIndex Build(NetworkTopology topology, long version)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var sites = new Dictionary<string, string>(StringComparer.Ordinal);
        var services = new Dictionary<string, string>(StringComparer.Ordinal);
        // Ids first: when one thing's name is another's id, the id wins.
        foreach (var site in topology.Sites)
        {
            Add(sites, site.Id, site.Id);
        }

        foreach (var site in topology.Sites)
        {
            Add(sites, site.Name, site.Id);
        }

        foreach (var service in topology.Services)
        {
            Add(services, service.Id, service.Id);
        }

        foreach (var service in topology.Services)
        {
            Add(services, service.Name, service.Id);
        }

        return new PlaceIndex(version, sites, services);
    }

    /// <summary>The id of the site written as <paramref name="text"/> (its id or name), or null.</summary>
    public string? Site(string text) => _sites.GetValueOrDefault(Words.Key(text));

    /// <summary>The id of the service written as <paramref name="text"/> (its id or name), or null.</summary>
    public string? Service(string text) => _services.GetValueOrDefault(Words.Key(text));

    /// <summary>The first site and the first service the text names; at each place the longest name wins.</summary>
    public (string? Site, string? Service) FindIn(string text)
    {
        var words = Words.Of(text);
        string? site = null, service = null;
        for (var start = 0; start < words.Length && (site is null || service is null); start++)
        {
            for (var length = Math.Min(_longest, words.Length - start); length > 0; length--)
            {
                var key = string.Join(' ', words, start, length);
                if (site is null && _sites.TryGetValue(key, out var foundSite))
                {
                    site = foundSite;
                }

                if (service is null && _services.TryGetValue(key, out var foundService))
                {
                    service = foundService;
                }
            }
        }

        return (site, service);
    }

    private static void Add(Dictionary<string, string> index, string name, string id)
    {
        var key = Words.Key(name);
        if (key.Length > 0 && key.Count(c => c == ' ') < MaxWordsPerName)
        {
            index.TryAdd(key, id);
        }
    }
}
