using Correlation.Contracts;

namespace Correlation.Cli.Datasets;

/// <summary>
/// The Huawei microwave alarm dataset, mapped onto the pipeline's terms.
/// </summary>
/// <param name="Alarms">Alarms in time order.</param>
/// <param name="Links">Undirected links between devices (<c>dev-&lt;id&gt;</c>), each once.</param>
/// <param name="CausalEdges">Directed cause → effect edges between alarm types (<c>type-&lt;id&gt;</c>).</param>
public sealed record HuaweiDataset(
    IReadOnlyList<Alarm> Alarms,
    IReadOnlyList<(string A, string B)> Links,
    IReadOnlySet<(string Cause, string Effect)> CausalEdges);
