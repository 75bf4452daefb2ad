namespace Correlation.Topology;

public enum ProblemSeverity
{
    /// <summary>The topology cannot be used.</summary>
    Error = 0,

    /// <summary>Usable, but probably not what the author meant (e.g. a redundancy group with one link).</summary>
    Warning = 1,
}
