using System.ComponentModel.DataAnnotations;

namespace Correlation.ServiceDefaults;

/// <summary>Where Redis is. Bound from the "Redis" configuration section.</summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>A StackExchange.Redis configuration string, for example "127.0.0.1:6390".</summary>
    [Required]
    public string Configuration { get; set; } = "";

    /// <summary>
    /// Prepended to every key the stores write, so that several pipelines (or test runs) can share one
    /// Redis. Each store adds its own key space after it.
    /// </summary>
    public string KeyPrefix { get; set; } = "corr:";
}
