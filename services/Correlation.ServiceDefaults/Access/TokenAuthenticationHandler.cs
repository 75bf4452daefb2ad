using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Correlation.ServiceDefaults.Access;

/// <summary>
/// Authenticates "Authorization: Bearer &lt;token&gt;" against the configured tokens' SHA-256, in constant time
/// and against every entry (so neither the token's content nor which entry matched shows in the time taken),
/// and gives callers on a loopback address without a token the anonymous loopback role when there is one.
/// Tokens are never logged or echoed; failures say only that the token is not known.
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<AccessOptions> access)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "CorrelationToken";

    /// <summary>The name given to anonymous loopback callers in audit records and commands.</summary>
    public const string LoopbackName = "loopback";

    private readonly (string Name, AccessRole Role, byte[] Hash)[] _tokens =
        [.. access.Value.Tokens.Select(t => (t.Name, t.Role, Convert.FromHexString(t.Sha256)))];

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return Task.FromResult(access.Value.EffectiveLoopbackRole is { } role && IsLoopback(Context.Connection.RemoteIpAddress)
                ? Success(LoopbackName, role, anonymous: true)
                : AuthenticateResult.NoResult());
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.Fail("The Authorization header is not a bearer token."));
        }

        return Task.FromResult(Find(header.AsSpan(7).Trim()) is { } match
            ? Success(match.Name, match.Role, anonymous: false)
            : AuthenticateResult.Fail("The bearer token is not known."));
    }

    private (string Name, AccessRole Role)? Find(ReadOnlySpan<char> presented)
    {
        Span<byte> given = stackalloc byte[SHA256.HashSizeInBytes];
        var bytes = Encoding.UTF8.GetBytes(presented.ToArray());
        SHA256.HashData(bytes, given);
        CryptographicOperations.ZeroMemory(bytes);
        (string Name, AccessRole Role)? found = null;
        foreach (var token in _tokens)
        {
            // Every entry is compared, without stopping at a match.
            if (CryptographicOperations.FixedTimeEquals(given, token.Hash))
            {
                found = (token.Name, token.Role);
            }
        }

        return found;
    }

    private static AuthenticateResult Success(string name, AccessRole role, bool anonymous)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, name),
                new Claim(ClaimTypes.Role, role.ToString()),
                new Claim(AccessClaims.Anonymous, anonymous ? "true" : "false"),
            ],
            SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
            detail: "This API needs a bearer token (Authorization: Bearer <token>).").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var role = Context.User.FindFirstValue(ClaimTypes.Role) ?? "none";
        await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: $"The role {role} may not do this.").ExecuteAsync(Context);
    }

    private static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
