using Correlation.Ingest.Nms.Mapping;

namespace Correlation.Ingest.Nms.Traps;

/// <summary>The configured trap rules, then the built-in ones: the first whose pattern matches decides.</summary>
public sealed class TrapRuleSet(IReadOnlyList<TrapRule> rules)
{
    public IReadOnlyList<TrapRule> Rules { get; } = rules;

    /// <returns>The rules, or null with the first problem as "Rules:N: reason".</returns>
    public static TrapRuleSet? Compile(IReadOnlyList<TrapRuleOptions> configured, bool withBuiltIns, out string error) =>
        RuleList.Compile<TrapRuleOptions, TrapRule>(configured, withBuiltIns ? BuiltInTrapRules.All : [], TrapRule.Compile, out error) is { } rules
            ? new TrapRuleSet(rules)
            : null;

    public TrapRule? Match(string trapOid)
    {
        foreach (var rule in Rules)
        {
            if (rule.Trap.Matches(trapOid))
            {
                return rule;
            }
        }

        return null;
    }
}
