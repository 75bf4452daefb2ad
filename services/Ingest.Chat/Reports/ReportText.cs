namespace Correlation.Ingest.Chat.Reports;

/// <summary>
/// A report's words: "the drives are down site=leeds service=file-shares" is the description "the drives
/// are down" with the site and service the reporter named. Keys are any case; a value of several words is
/// quoted (site="London data centre 1"). Other key=value words stay in the description.
/// </summary>
internal sealed record ReportText(string Description, string? Site, string? Service)
{
    private static readonly char[] Quotes = ['"', '“', '”'];
    private static readonly char[] Trimmed = ['"', '\'', '“', '”', ',', ';', '.'];

    public static ReportText Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? site = null, service = null;
        var kept = new List<string>();
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            var key = equals > 0 ? word[..equals] : "";
            var isSite = key.Equals("site", StringComparison.OrdinalIgnoreCase);
            if (!isSite && !key.Equals("service", StringComparison.OrdinalIgnoreCase))
            {
                kept.Add(word);
                continue;
            }

            var value = word[(equals + 1)..];
            if (value.Length > 1 && Quotes.Contains(value[0]) && !Closes(value[1..]))
            {
                // A quoted value runs to the word that closes the quote (or to the end).
                while (i + 1 < words.Length && !Closes(value))
                {
                    value += " " + words[++i];
                }
            }

            value = value.Trim(Trimmed);
            if (value.Length == 0)
            {
                kept.Add(word);
            }
            else if (isSite)
            {
                site ??= value;
            }
            else
            {
                service ??= value;
            }
        }

        return new ReportText(string.Join(' ', kept), site, service);
    }

    private static bool Closes(string value) => value.TrimEnd(',', ';', '.').EndsWith('"') || value.TrimEnd(',', ';', '.').EndsWith('”');
}
