namespace Correlation.Ingest.Nms.Mapping;

/// <summary>Compiles configured rules, then the built-in ones, stopping at the first configured rule that is wrong.</summary>
public static class RuleList
{
    public delegate TRule? Compiler<in TOptions, out TRule>(TOptions options, out string error);

    /// <returns>The rules, or null with the problem as "Rules:N: reason".</returns>
    public static List<TRule>? Compile<TOptions, TRule>(IReadOnlyList<TOptions> configured, IEnumerable<TOptions> builtIns,
        Compiler<TOptions, TRule> compile, out string error)
        where TRule : class
    {
        ArgumentNullException.ThrowIfNull(configured);
        ArgumentNullException.ThrowIfNull(compile);
        error = "";
        var rules = new List<TRule>();
        for (var i = 0; i < configured.Count; i++)
        {
            var rule = compile(configured[i], out var reason);
            if (rule is null)
            {
                error = $"Rules:{i}: {reason}";
                return null;
            }

            rules.Add(rule);
        }

        rules.AddRange(builtIns.Select(r => compile(r, out _)!));
        return rules;
    }
}
