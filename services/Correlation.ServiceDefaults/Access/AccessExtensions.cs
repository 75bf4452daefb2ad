using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Correlation.ServiceDefaults.Access;

/// <summary>
/// Token access to the HTTP API with three roles. Endpoints opt in with <see cref="RequireViewer{T}"/>,
/// <see cref="RequireOperator{T}"/> or <see cref="RequireAdmin{T}"/>; endpoints that do not (ingest, which checks
/// its own feed keys; health and metrics) are untouched, because the scheme is not the default one and only
/// runs where a policy names it.
/// </summary>
public static class AccessExtensions
{
    public const string ViewerPolicy = "correlation-viewer";
    public const string OperatorPolicy = "correlation-operator";
    public const string AdminPolicy = "correlation-admin";

    public static IHostApplicationBuilder AddApiAccess(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AccessOptions>()
            .Bind(builder.Configuration.GetSection(AccessOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>());
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ViewerPolicy, p => p.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName)
                .RequireRole(nameof(AccessRole.Viewer), nameof(AccessRole.Operator), nameof(AccessRole.Admin)))
            .AddPolicy(OperatorPolicy, p => p.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName)
                .RequireRole(nameof(AccessRole.Operator), nameof(AccessRole.Admin)))
            .AddPolicy(AdminPolicy, p => p.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName)
                .RequireRole(nameof(AccessRole.Admin)));
        services.AddHostedService<AccessStartupReport>();
        return builder;
    }

    public static TBuilder RequireViewer<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(ViewerPolicy);

    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(OperatorPolicy);

    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(AdminPolicy);

    /// <summary>Who is calling, as named in audit records and in the commands they cause.</summary>
    public static string CallerName(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(ClaimTypes.Name) ?? TokenAuthenticationHandler.LoopbackName;
    }

    /// <summary>The caller's role, or null for a caller who is not authenticated.</summary>
    public static AccessRole? CallerRole(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Enum.TryParse<AccessRole>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;
    }

    /// <summary>Authenticates the request with the token scheme on an endpoint that does not require it (e.g. "who am I").</summary>
    public static async Task<ClaimsPrincipal?> AuthenticateCallerAsync(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await context.AuthenticateAsync(TokenAuthenticationHandler.SchemeName);
        return result.Succeeded ? result.Principal : null;
    }
}
