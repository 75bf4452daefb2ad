namespace Correlation.Router.Configuration;

/// <summary>A problem in a routing file, at a line and column (line 0: the whole file).</summary>
public sealed record ConfigProblem(string Path, int Line, int Column, string Reason)
{
    public override string ToString() => Line > 0 ? $"{Path}:{Line}:{Column}: {Reason}" : $"{Path}: {Reason}";
}

/// <summary>Routing files that cannot be used; lists every problem found, one a line.</summary>
public sealed class RoutingConfigException : Exception
{
    public RoutingConfigException()
        : this([])
    {
    }

    public RoutingConfigException(string message)
        : base(message)
    {
        Problems = [new ConfigProblem("", 0, 0, message)];
    }

    public RoutingConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new ConfigProblem("", 0, 0, message)];
    }

    public RoutingConfigException(IReadOnlyList<ConfigProblem> problems)
        : base("The routing configuration is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, problems ?? []))
    {
        Problems = problems ?? [];
    }

    public IReadOnlyList<ConfigProblem> Problems { get; }
}
