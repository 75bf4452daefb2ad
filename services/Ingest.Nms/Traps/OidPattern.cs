using System.Globalization;

namespace Correlation.Ingest.Nms.Traps;

/// <summary>
/// A trap OID with wildcards: "*" stands for exactly one arc, and a "*" at the end for one or more, so
/// "1.3.6.1.4.1.9.*" matches every Cisco trap and "1.3.6.1.2.1.15.*.2" both bgpBackwardTransition OIDs.
/// </summary>
public sealed class OidPattern
{
    private readonly string[] _arcs;

    private OidPattern(string text, string[] arcs)
    {
        Text = text;
        _arcs = arcs;
    }

    public string Text { get; }

    public static bool TryParse(string text, out OidPattern? pattern)
    {
        pattern = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var arcs = text.Trim().TrimStart('.').Split('.');
        if (arcs.Any(a => a != "*" && !uint.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return false;
        }

        pattern = new OidPattern(text, arcs);
        return true;
    }

    public bool Matches(ReadOnlySpan<char> oid)
    {
        var index = 0;
        foreach (var range in oid.Split('.'))
        {
            if (index == _arcs.Length)
            {
                return false;
            }

            var arc = _arcs[index];
            if (arc == "*" && index == _arcs.Length - 1)
            {
                return true;
            }

            if (arc != "*" && !oid[range].SequenceEqual(arc))
            {
                return false;
            }

            index++;
        }

        return index == _arcs.Length;
    }
}
