namespace Correlation.Triage.Policy;

/// <summary>One thing wrong with a policy file, where it is (line and column from 1; 0 for the whole file).</summary>
public sealed record PolicyProblem(string Path, int Line, int Column, string Message)
{
    /// <summary>"path:line:col: message", the compiler form editors and CI annotate.</summary>
    public override string ToString() => Line > 0 ? $"{Path}:{Line}:{Column}: {Message}" : $"{Path}: {Message}";
}

/// <summary>A policy file that cannot be used; the message lists every problem found, one a line.</summary>
public sealed class TriagePolicyException : Exception
{
    public TriagePolicyException()
        : this([])
    {
    }

    public TriagePolicyException(string message)
        : base(message)
    {
        Problems = [];
    }

    public TriagePolicyException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public TriagePolicyException(IReadOnlyList<PolicyProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<PolicyProblem> Problems { get; }

    private static string Describe(IReadOnlyList<PolicyProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return $"The triage policy is not valid ({problems.Count} {(problems.Count == 1 ? "problem" : "problems")}):"
            + string.Concat(problems.Select(p => Environment.NewLine + p));
    }
}
