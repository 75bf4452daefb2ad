namespace Correlation.Ingest.Mail.Smtp;

/// <summary>
/// The argument of MAIL FROM and RCPT TO (RFC 5321 4.1.2): "FROM:&lt;address&gt; PARAM=value ...". Lenient
/// where clients commonly are (a space after the colon, no angle brackets), strict where it matters:
/// no control characters or spaces in an address, bounded lengths, one '@' with a domain for recipients.
/// </summary>
public static class SmtpPath
{
    public const int MaxAddressLength = 254;

    /// <param name="argument">Everything after the verb, e.g. "FROM:&lt;a@b&gt; SIZE=100".</param>
    /// <param name="keyword">"FROM" or "TO".</param>
    /// <param name="address">The address without brackets; "" for the null path &lt;&gt;.</param>
    /// <param name="parameters">ESMTP parameters, keyword in upper case, value or "".</param>
    /// <param name="error">What is wrong, for a 501 reply.</param>
    public static bool TryParse(string argument, string keyword, out string address, out Dictionary<string, string> parameters, out string error)
    {
        ArgumentNullException.ThrowIfNull(argument);
        address = "";
        parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        error = "";
        var rest = argument.TrimStart();
        if (!rest.StartsWith(keyword + ":", StringComparison.OrdinalIgnoreCase))
        {
            error = $"Syntax: {(keyword == "FROM" ? "MAIL FROM:<address>" : "RCPT TO:<address>")}";
            return false;
        }

        rest = rest[(keyword.Length + 1)..].TrimStart();
        string path;
        if (rest.StartsWith('<'))
        {
            var close = rest.IndexOf('>', StringComparison.Ordinal);
            if (close < 0)
            {
                error = "Missing '>' after the address";
                return false;
            }

            path = rest[1..close];
            rest = rest[(close + 1)..];
        }
        else
        {
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            path = space < 0 ? rest : rest[..space];
            rest = space < 0 ? "" : rest[space..];
        }

        // A source route ("@relay1,@relay2:user@domain") is obsolete: only the mailbox after it counts.
        if (path.StartsWith('@') && path.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
        {
            path = path[(colon + 1)..];
        }

        if (path.Length > MaxAddressLength)
        {
            error = $"Address longer than {MaxAddressLength} characters";
            return false;
        }

        if (path.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '<' or '>'))
        {
            error = "Address holds a space, a control character or an angle bracket";
            return false;
        }

        if (path.Length > 0 && (path.StartsWith('@') || path.EndsWith('@') || path.Count(c => c == '@') > 1))
        {
            error = "Address is not local-part@domain";
            return false;
        }

        foreach (var word in rest.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? word : word[..equals];
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                error = $"Malformed parameter '{Printable(word)}'";
                return false;
            }

            parameters[name.ToUpperInvariant()] = equals < 0 ? "" : word[(equals + 1)..];
        }

        address = path;
        return true;
    }

    /// <summary>The domain of an address (after its '@'), lower case; "" when it has none.</summary>
    public static string Domain(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var at = address.LastIndexOf('@');
        return at < 0 ? "" : address[(at + 1)..].TrimEnd('.').ToLowerInvariant();
    }

    /// <summary>Text from a client made safe for a reply line or a log: no control characters, bounded.</summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chars = text.Take(100).Select(c => char.IsControl(c) ? '?' : c).ToArray();
        return new string(chars);
    }
}
