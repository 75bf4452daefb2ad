namespace Correlation.Ingest.Admission;

/// <summary>Who may send to an ingest endpoint that has no credentials configured.</summary>
public enum AnonymousSenders
{
    /// <summary>Callers on this machine only (127.0.0.0/8, ::1): a developer's `make run`. Everyone else gets 401.</summary>
    Loopback = 0,

    /// <summary>Anyone who can reach the endpoint: only behind a network boundary that does the checking.</summary>
    Anyone = 1,

    /// <summary>Nobody: an endpoint without credentials refuses every request (for hosts behind a proxy on the same machine, where every caller looks local).</summary>
    Nobody = 2,
}
