using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Correlation.Triage.Policy;

/// <summary>
/// Holds the policy in force and swaps it whole on reload, so a decision reads one policy throughout. The
/// first load happens when the provider is made (at host start, through <see cref="PolicyWatcher"/>) and a
/// bad file stops the host there; a bad file on reload is logged and the policy in force is kept.
/// </summary>
public sealed class PolicyProvider
{
    private readonly ILogger _logger;
    private TriagePolicy _current;
    private byte[] _contentHash = [];

    /// <exception cref="TriagePolicyException">The configured file is missing or not a valid policy.</exception>
    public PolicyProvider(IOptions<TriageOptions> options, ILogger<PolicyProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        PolicyPath = string.IsNullOrWhiteSpace(options.Value.PolicyPath) ? null : options.Value.PolicyPath;
        try
        {
            _current = PolicyPath is null ? PolicyLoader.BuiltIn : PolicyLoader.LoadFile(PolicyPath);
            _contentHash = PolicyPath is null ? [] : Hash(PolicyPath) ?? [];
        }
        catch (TriagePolicyException e)
        {
            TriageLog.PolicyRejected(_logger, PolicyPath ?? PolicyLoader.BuiltInSource, e.Message);
            throw;
        }
        Loaded(_current);
    }

    /// <summary>Made for a test or a tool around a policy already loaded.</summary>
    public PolicyProvider(TriagePolicy policy, ILogger<PolicyProvider> logger)
    {
        _current = policy;
        _logger = logger;
    }

    /// <summary>The configured file (absolute when bound through AddTriage), or null for the built-in policy.</summary>
    public string? PolicyPath { get; }

    public TriagePolicy Current => Volatile.Read(ref _current);

    /// <summary>Reads the file again; true when a new policy is in force, false when the file is unchanged or bad (the old one stays).</summary>
    public bool Reload()
    {
        if (PolicyPath is null)
        {
            return false;
        }
        try
        {
            // The watcher sees every change in the folder (the CMDB beside it, editor swap files): a file whose
            // content is what is loaded already is not loaded again.
            var hash = Hash(PolicyPath);
            if (hash is not null && hash.AsSpan().SequenceEqual(_contentHash))
            {
                return false;
            }
            var policy = PolicyLoader.LoadFile(PolicyPath);
            _contentHash = hash ?? [];
            Volatile.Write(ref _current, policy);
            Loaded(policy);
            return true;
        }
        catch (TriagePolicyException e)
        {
            TriageLog.PolicyRejected(_logger, PolicyPath, e.Message);
            return false;
        }
    }

    private static byte[]? Hash(string path)
    {
        try
        {
            return SHA256.HashData(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void Loaded(TriagePolicy policy) =>
        TriageLog.PolicyLoaded(_logger, policy.Source, policy.Base.Count, policy.Adjustments.Count, policy.Calendars.Count, policy.Checklists.Count);
}
