namespace Correlation.ServiceDefaults.Access;

/// <summary>Claims the token handler puts on a caller beside name and role.</summary>
public static class AccessClaims
{
    /// <summary>"true" for an anonymous loopback caller.</summary>
    public const string Anonymous = "correlation:anonymous";
}
