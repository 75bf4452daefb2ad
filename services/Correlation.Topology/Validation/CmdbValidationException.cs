namespace Correlation.Topology;

/// <summary>
/// A CMDB or topology that cannot be used. Carries every problem found, not just the first, so that one
/// run tells the author everything to fix; the message lists them one a line.
/// </summary>
public sealed class CmdbValidationException : Exception
{
    public CmdbValidationException()
        : this([])
    {
    }

    public CmdbValidationException(string message)
        : this([new TopologyProblem(ProblemSeverity.Error, message)])
    {
    }

    public CmdbValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new TopologyProblem(ProblemSeverity.Error, message)];
    }

    public CmdbValidationException(IReadOnlyList<TopologyProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>Errors and warnings, in the order found (file order for a loaded CMDB).</summary>
    public IReadOnlyList<TopologyProblem> Problems { get; }

    public IEnumerable<TopologyProblem> Errors => Problems.Where(p => p.IsError);

    private static string Describe(IReadOnlyList<TopologyProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var errors = problems.Count(p => p.IsError);
        var warnings = problems.Count - errors;
        var head = $"The topology is not valid: {Count(errors, "error")}" +
                   (warnings > 0 ? $" and {Count(warnings, "warning")}" : "") + ".";
        return problems.Count == 0 ? head : head + Environment.NewLine + string.Join(Environment.NewLine, problems);
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
