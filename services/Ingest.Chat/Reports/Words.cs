using System.Text;

namespace Correlation.Ingest.Chat.Reports;

/// <summary>
/// Text as runs of letters and digits, lower-case: what "whole words, any case" means everywhere in chat
/// ingest. "london-dc1", "London DC1" and "london dc1" are the same two words.
/// </summary>
internal static class Words
{
    public static string[] Of(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return [.. words];
    }

    /// <summary>The words of a name joined by single spaces: the form names are compared in.</summary>
    public static string Key(string text) => string.Join(' ', Of(text));

    /// <summary>True when <paramref name="phrase"/>'s words appear one after another in <paramref name="words"/>.</summary>
    public static bool ContainsPhrase(string[] words, string[] phrase)
    {
        if (phrase.Length == 0)
        {
            return false;
        }

        for (var i = 0; i + phrase.Length <= words.Length; i++)
        {
            if (words.AsSpan(i, phrase.Length).SequenceEqual(phrase))
            {
                return true;
            }
        }

        return false;
    }
}
