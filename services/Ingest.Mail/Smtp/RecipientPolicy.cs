namespace Correlation.Ingest.Mail.Smtp;

/// <summary>
/// Which recipients the receiver takes mail for: the configured domains and their subdomains, and
/// "postmaster" (RFC 5321 requires it). An open receiver would be a relay for anyone's mail into the NOC.
/// </summary>
public sealed class RecipientPolicy(IReadOnlyList<string> allowedDomains)
{
    private readonly string[] _domains = [.. allowedDomains.Select(d => d.Trim().TrimStart('@').TrimEnd('.').ToLowerInvariant()).Where(d => d.Length > 0)];

    public bool Allows(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Equals("postmaster", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var domain = SmtpPath.Domain(address);
        if (domain.Length == 0)
        {
            return false;
        }

        return _domains.Length == 0 || _domains.Any(d => domain == d || domain.EndsWith("." + d, StringComparison.Ordinal));
    }
}
