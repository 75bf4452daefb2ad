namespace Correlation.ServiceDefaults.Access;

/// <summary>What a caller of the HTTP API may do; each role can do everything the ones before it can.</summary>
public enum AccessRole
{
    /// <summary>Reads incidents, the stream, reports and dashboards.</summary>
    Viewer = 1,

    /// <summary>Also acts on incidents: acknowledge, resolve, merge, split, move, annotate.</summary>
    Operator = 2,

    /// <summary>Also manages rules and maintenance, and reads the audit trail.</summary>
    Admin = 3,
}
