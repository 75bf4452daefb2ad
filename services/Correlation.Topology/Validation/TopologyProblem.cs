namespace Correlation.Topology;

/// <summary>One thing wrong with a CMDB or a built topology, with where it is when that is known.</summary>
public sealed record TopologyProblem(ProblemSeverity Severity, string Message, SourceLocation? Location = null)
{
    public bool IsError => Severity == ProblemSeverity.Error;

    /// <summary>"path:line:col: message" (compiler style, so editors and CI annotate the line).</summary>
    public override string ToString()
    {
        var text = Severity == ProblemSeverity.Warning ? "warning: " + Message : Message;
        return Location is { } at ? $"{at}: {text}" : text;
    }
}
