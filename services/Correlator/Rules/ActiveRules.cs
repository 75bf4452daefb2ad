using Correlation.Correlator.Scoring;
using Microsoft.Extensions.Options;

namespace Correlation.Correlator.Rules;

/// <summary>One set of correlation rules and where it came from.</summary>
/// <param name="Options">The scoring settings.</param>
/// <param name="Version">Their content's name (<see cref="ScoringRules.Version"/>), which every decision record carries.</param>
/// <param name="Source">"configuration" (Correlator:Scoring and Correlator:RulesPath) or "activated".</param>
/// <param name="Text">The rules file's text, when the rules came from one through the API.</param>
public sealed record RuleSet(ScoringOptions Options, string Version, string Source, string? Text, string? ActivatedBy, DateTimeOffset? ActivatedAt)
{
    public static RuleSet Configured(ScoringOptions options) => new(options, ScoringRules.Version(options), "configuration", null, null, null);
}

/// <summary>
/// The rules this correlator decides with: the configured ones at start, then the set an admin activated
/// (kept in Redis by <see cref="RulesStore"/> and taken up by every correlator, see <see cref="RulesSync"/>).
/// A batch decides with the set current when it starts; the next batch takes a newer one.
/// </summary>
public sealed class ActiveRules(IOptions<ScoringOptions> configured)
{
    private RuleSet _current = RuleSet.Configured(configured.Value);

    public RuleSet Current => Volatile.Read(ref _current);

    public void Use(RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Volatile.Write(ref _current, rules);
    }
}
