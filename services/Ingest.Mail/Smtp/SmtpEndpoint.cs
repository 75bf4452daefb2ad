using System.Net;

namespace Correlation.Ingest.Mail.Smtp;

/// <summary>Where the SMTP receiver listens once started: a configured port 0 becomes a real one here.</summary>
public sealed class SmtpEndpoint
{
    private IPEndPoint? _bound;

    public IPEndPoint Bound => Volatile.Read(ref _bound) ?? throw new InvalidOperationException("The SMTP receiver is not listening (Mail:Smtp:Enabled is false, or the host has not started)");

    internal void Set(IPEndPoint endpoint) => Volatile.Write(ref _bound, endpoint);
}
