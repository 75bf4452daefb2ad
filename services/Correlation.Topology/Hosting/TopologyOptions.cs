using System.ComponentModel.DataAnnotations;

namespace Correlation.Topology;

/// <summary>Bound from the "Topology" configuration section.</summary>
public sealed class TopologyOptions
{
    public const string SectionName = "Topology";

    /// <summary>
    /// The CMDB YAML file. A relative path is taken from the host's content root. Checked at start: a
    /// missing or invalid file stops the host with the file, line and reason.
    /// </summary>
    [Required]
    public string CmdbPath { get; set; } = "";

    /// <summary>Reload the CMDB when its file (or its folder, as with a Kubernetes ConfigMap) changes.</summary>
    public bool WatchForChanges { get; set; } = true;

    /// <summary>
    /// How long the folder must stay quiet after a change before reloading: editors and deploy tools write
    /// a file in several steps, and reading between them would see half a file.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan ReloadDebounce { get; set; } = TimeSpan.FromMilliseconds(500);
}
