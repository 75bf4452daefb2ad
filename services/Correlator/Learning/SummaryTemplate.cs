using System.Buffers;
using System.Text.RegularExpressions;

namespace Correlation.Correlator.Learning;

/// <summary>
/// An alarm summary with what changes from one instance to the next taken out: addresses, interface
/// names, numbers, hex ids and names with digits in them (devices, sites, tickets) each become one
/// placeholder word, and every other word is its lower-cased letters. Two alarms of one kind then read
/// the same whichever device raised them, which is what a signature has to see.
/// </summary>
/// <remarks>
/// The result is words joined by single spaces and nothing else, so that ML.NET's text featuriser
/// (which splits on spaces) when fitting and <see cref="SignatureModel"/>'s own featuriser when
/// predicting see exactly the same words. A word with a digit in it counts as a name: words such as
/// "ipv6" are rarer in alarm text than names such as "s012-asw-03".
/// </remarks>
public static partial class SummaryTemplate
{
    /// <summary>Words kept of one summary; what makes a signature comes first, and this bounds the work.</summary>
    public const int MaxWords = 64;

    public const string Address = "<ip>";
    public const string Hardware = "<mac>";
    public const string Number = "<num>";
    public const string Interface = "<if>";
    public const string HexId = "<hex>";
    public const string Name = "<id>";

    // The longest word written for one character of input: "5" becomes "<num>" and its separator.
    private const int MaxGrowth = 6;

    // Punctuation kept inside a token (10.0.1.17, Gi1/0/32, s012-asw-03, 1,000) but trimmed from its ends.
    private const string TokenEdges = ".,:/-_%";

    private const int MaxUnitLength = 5;

    private static readonly SearchValues<char> NumberChars = SearchValues.Create("0123456789.,:/-%");

    public static string Of(string? summary)
    {
        if (string.IsNullOrWhiteSpace(summary))
        {
            return "";
        }

        var rented = ArrayPool<char>.Shared.Rent((summary.Length * MaxGrowth) + 1);
        try
        {
            var output = new Output(rented);
            var text = summary.AsSpan();
            var i = 0;
            while (i < text.Length && output.Words < MaxWords)
            {
                while (i < text.Length && !IsTokenChar(text[i]))
                {
                    i++;
                }

                var start = i;
                while (i < text.Length && IsTokenChar(text[i]))
                {
                    i++;
                }

                var token = text[start..i].Trim(TokenEdges);
                if (!token.IsEmpty)
                {
                    Write(token, ref output);
                }
            }

            return output.ToString();
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    // Letters, digits and the punctuation that holds addresses, interface names and ids together;
    // anything else (spaces, brackets, quotes, ';', '=') separates tokens.
    private static bool IsTokenChar(char c) => char.IsLetterOrDigit(c) || TokenEdges.Contains(c, StringComparison.Ordinal);

    private static void Write(ReadOnlySpan<char> token, ref Output output)
    {
        if (!token.ContainsAnyInRange('0', '9'))
        {
            WriteLetterRuns(token, ref output);
        }
        else if (Ipv4().IsMatch(token))
        {
            output.Add(Address);
        }
        else if (Mac().IsMatch(token))
        {
            output.Add(Hardware);
        }
        else if (!token.ContainsAnyExcept(NumberChars))
        {
            // Counts, measures, versions, dates and times alike.
            output.Add(Number);
        }
        else if (Ipv6().IsMatch(token))
        {
            output.Add(Address);
        }
        else if (InterfaceName().IsMatch(token))
        {
            output.Add(Interface);
        }
        else if (HexIdentifier().IsMatch(token))
        {
            output.Add(HexId);
        }
        else if (UnitStart(token) is > 0 and var unit && Measure().IsMatch(token[..unit]))
        {
            // "500ms": the number varies, the unit says what was measured.
            output.Add(Number);
            output.AddLower(token[unit..]);
        }
        else
        {
            output.Add(Name);
        }
    }

    /// <summary>Where a short run of letters closing the token starts, or -1 when it does not end in one.</summary>
    private static int UnitStart(ReadOnlySpan<char> token)
    {
        var start = token.Length;
        while (start > 0 && char.IsAsciiLetter(token[start - 1]))
        {
            start--;
        }

        return start < token.Length && token.Length - start <= MaxUnitLength ? start : -1;
    }

    private static void WriteLetterRuns(ReadOnlySpan<char> token, ref Output output)
    {
        var i = 0;
        while (i < token.Length)
        {
            while (i < token.Length && !char.IsLetter(token[i]))
            {
                i++;
            }

            var start = i;
            while (i < token.Length && char.IsLetter(token[i]))
            {
                i++;
            }

            if (i > start)
            {
                output.AddLower(token[start..i]);
            }
        }
    }

    [GeneratedRegex(@"^\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?(?::\d{1,5})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4();

    [GeneratedRegex(@"^[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:/\d{1,3})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Ipv6();

    [GeneratedRegex(@"^(?:[0-9a-f]{2}(?:[:-][0-9a-f]{2}){5}|[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Mac();

    // Slot/port forms of any vendor (Gi1/0/32, xe-0/0/1.100), or a known interface prefix and a number (eth0, Po12, Vlan100).
    [GeneratedRegex(@"^(?:[a-z]{1,24}-?\d+(?:/\d+)+(?:[.:]\d+)?|(?:eth|ethernet|gi|gig|gigabitethernet|te|tengigabitethernet|fa|fastethernet|ge|xe|et|ae|po|port-channel|vlan|vl|lo|loopback|mgmt|hu|hundredgige|fo|fortygige|tw|twentyfivegige|se|serial|tu|tunnel|bundle-ether|be|ens|eno|wlan|bond|irb)-?\d+(?:[.:]\d+)?)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InterfaceName();

    [GeneratedRegex(@"^(?:0x[0-9a-f]+|[0-9a-f]{8}(?:-?[0-9a-f]{4}){3}-?[0-9a-f]{12}|[0-9a-f]{8,})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HexIdentifier();

    [GeneratedRegex(@"^\d+(?:[.,]\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Measure();

    /// <summary>The words written so far, into a buffer large enough for any summary's template.</summary>
    private ref struct Output(char[] buffer)
    {
        private int _length;

        public int Words { get; private set; }

        public void Add(ReadOnlySpan<char> word)
        {
            if (Separate())
            {
                word.CopyTo(buffer.AsSpan(_length));
                _length += word.Length;
            }
        }

        public void AddLower(ReadOnlySpan<char> word)
        {
            if (Separate())
            {
                _length += word.ToLowerInvariant(buffer.AsSpan(_length));
            }
        }

        public override readonly string ToString() => new(buffer, 0, _length);

        /// <summary>Makes room for one more word; false once <see cref="MaxWords"/> are written.</summary>
        private bool Separate()
        {
            if (Words == MaxWords)
            {
                return false;
            }

            if (Words > 0)
            {
                buffer[_length++] = ' ';
            }

            Words++;
            return true;
        }
    }
}
