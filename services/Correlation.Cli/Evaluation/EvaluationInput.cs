using Correlation.Contracts;

namespace Correlation.Cli.Evaluation;

/// <summary>
/// What a storm is scored against: the truth when someone labelled it, and otherwise what is known
/// about the network, which gives proxy figures.
/// </summary>
/// <param name="Name">What the storm is called in reports (a file name, a dataset).</param>
/// <param name="Alarms">The alarms in time order.</param>
/// <param name="Truth">The true incident of each alarm, or null when there is none.</param>
/// <param name="Knowledge">Topology and causal graph for the proxy figures, or null.</param>
public sealed record EvaluationInput(string Name, IReadOnlyList<Alarm> Alarms, IReadOnlyList<string>? Truth, NetworkKnowledge? Knowledge);

/// <param name="Hops">Hop distance between two resources, null when unknown or unreachable.</param>
/// <param name="CausalEdges">Directed cause → effect edges between alarm types.</param>
/// <param name="Description">One line saying where the knowledge came from, for reports.</param>
public sealed record NetworkKnowledge(Func<string, string, int?> Hops, IReadOnlySet<(string Cause, string Effect)> CausalEdges, string Description);
