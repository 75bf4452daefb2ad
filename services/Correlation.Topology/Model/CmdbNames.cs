using System.Collections.Frozen;
using System.Text;

namespace Correlation.Topology;

/// <summary>The kebab-case names the CMDB uses for roles, link kinds and criticalities ("core-router").</summary>
public static class CmdbNames
{
    public static string Of<T>(T value) where T : struct, Enum => Names<T>.ByValue[value];

    /// <summary>Case-insensitive; accepts exactly the kebab-case names, not numbers or PascalCase.</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        if (text is not null && Names<T>.ByName.TryGetValue(text, out value))
        {
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>Every accepted name, comma-separated, for error messages.</summary>
    public static string AllOf<T>() where T : struct, Enum => Names<T>.All;

    private static string ToKebab(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c) && i > 0)
            {
                sb.Append('-');
            }
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    private static class Names<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ByValue =
            Enum.GetValues<T>().ToFrozenDictionary(v => v, v => ToKebab(v.ToString()));

        public static readonly FrozenDictionary<string, T> ByName =
            ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

        public static readonly string All = string.Join(", ", Enum.GetValues<T>().Select(v => ByValue[v]));
    }
}
