using Correlation.ServiceDefaults;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Correlation.Correlator.Windows;

/// <summary>The correlator's key space in Redis, in one place.</summary>
public sealed class CorrelatorKeys(IOptions<RedisOptions> options)
{
    private readonly string _root = options.Value.KeyPrefix + "correlator:";

    /// <summary>Where incident hashes live: the prefix, then the incident id.</summary>
    public string IncidentPrefix => _root + "incident:";

    public RedisKey Incident(Guid id) => IncidentPrefix + id.ToString("D");

    /// <summary>An alarm without a site gets a window of its own resource.</summary>
    public RedisKey Window(string? site, string resource) =>
        site is null ? _root + "window:resource:" + resource : _root + "window:site:" + site;

    public RedisKey Idempotency(string key) => _root + "idem:" + key;

    public RedisKey Fingerprint(string fingerprint) => _root + "fp:" + fingerprint;
}
