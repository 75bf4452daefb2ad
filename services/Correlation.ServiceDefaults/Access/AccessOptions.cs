using System.ComponentModel.DataAnnotations;

namespace Correlation.ServiceDefaults.Access;

/// <summary>
/// Who may call the HTTP API, bound from the "Access" configuration section. Tokens are configured by their
/// SHA-256 (hex), never in clear, so a leaked configuration file does not hand out access:
/// <c>printf %s "$TOKEN" | sha256sum</c> gives the value to configure.
/// </summary>
public sealed class AccessOptions
{
    public const string SectionName = "Access";

    public List<AccessToken> Tokens { get; set; } = [];

    /// <summary>
    /// The role of a caller on a loopback address that presents no token. Unset means: <see cref="AccessRole.Admin"/>
    /// while no token is configured (a developer's `make run`, where only this machine can reach the API), and no
    /// anonymous access at all once tokens are configured. Set it to give loopback callers a role next to tokens.
    /// </summary>
    public AccessRole? AnonymousLoopbackRole { get; set; }

    /// <summary>Turns anonymous loopback access off even when no token is configured (every call then needs a token).</summary>
    public bool DisableAnonymousLoopback { get; set; }

    /// <summary>The role anonymous loopback callers get after the defaults above, or null when they get none.</summary>
    public AccessRole? EffectiveLoopbackRole =>
        DisableAnonymousLoopback ? null : AnonymousLoopbackRole ?? (Tokens.Count == 0 ? AccessRole.Admin : null);
}

/// <summary>One API token: who holds it (named in audit records and commands), its role and its SHA-256 in hex.</summary>
public sealed class AccessToken
{
    [Required(AllowEmptyStrings = false)]
    [RegularExpression(@"^[A-Za-z0-9._@-]{1,64}$", ErrorMessage = "Access:Tokens:*:Name may hold only letters, digits, '.', '_', '@' and '-' (at most 64).")]
    public string Name { get; set; } = "";

    [Required]
    [EnumDataType(typeof(AccessRole))]
    public AccessRole Role { get; set; }

    [Required]
    [RegularExpression("^[0-9a-fA-F]{64}$", ErrorMessage = "Access:Tokens:*:Sha256 must be the 64 hex digits of the token's SHA-256.")]
    public string Sha256 { get; set; } = "";
}
