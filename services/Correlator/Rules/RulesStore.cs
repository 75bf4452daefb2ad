using System.Text.Json;
using Correlation.Correlator.Live;
using Correlation.Correlator.Scoring;
using StackExchange.Redis;

namespace Correlation.Correlator.Rules;

/// <summary>
/// The activated correlation rules, shared by every correlator on one Redis: the rules file's text with its
/// version, who activated it and when, and the history of activations (newest first, bounded).
/// </summary>
public sealed class RulesStore(IConnectionMultiplexer redis, WindowKeys keys)
{
    public const int HistoryKept = 50;

    private string Active => keys.Root + "rules";

    private string History => keys.Root + "rules:history";

    /// <summary>Checks the text and makes it the rules every correlator decides with.</summary>
    /// <exception cref="RulesValidationException">The text is not valid rules; nothing changed.</exception>
    public async Task<RuleSet> ActivateAsync(string text, string by, DateTimeOffset at)
    {
        var options = ScoringRules.Parse(text, "rules");
        var set = new RuleSet(options, ScoringRules.Version(options), "activated", text, by, at);
        var entry = JsonSerializer.Serialize(new RulesActivation(set.Version, by, at, text));
        var db = redis.GetDatabase();
        var transaction = db.CreateTransaction();
        _ = transaction.HashSetAsync(Active, [new("version", set.Version), new("text", text), new("by", by), new("at", at.ToUnixTimeMilliseconds())]);
        _ = transaction.ListLeftPushAsync(History, entry);
        _ = transaction.ListTrimAsync(History, 0, HistoryKept - 1);
        await transaction.ExecuteAsync();
        return set;
    }

    /// <summary>The version of the activated rules, or null while none was activated (a cheap check for changes).</summary>
    public async Task<string?> VersionAsync() => await redis.GetDatabase().HashGetAsync(Active, "version");

    /// <summary>The activated rules, or null while none was; a stored text that no longer parses is reported, not used.</summary>
    /// <exception cref="RulesValidationException">The stored text is not valid rules (changed under this version of the code).</exception>
    public async Task<RuleSet?> ReadAsync()
    {
        var fields = await redis.GetDatabase().HashGetAsync(Active, ["text", "by", "at"]);
        if (fields[0].IsNull)
        {
            return null;
        }

        var text = (string)fields[0]!;
        var options = ScoringRules.Parse(text, "activated rules");
        return new RuleSet(options, ScoringRules.Version(options), "activated", text, (string?)fields[1],
            DateTimeOffset.FromUnixTimeMilliseconds((long)fields[2]));
    }

    public async Task<IReadOnlyList<RulesActivation>> HistoryAsync() =>
        [.. (await redis.GetDatabase().ListRangeAsync(History, 0, HistoryKept - 1)).Select(e => JsonSerializer.Deserialize<RulesActivation>((string)e!)!)];
}

/// <summary>One activation of a rules file.</summary>
public sealed record RulesActivation(string Version, string By, DateTimeOffset At, string Text);
