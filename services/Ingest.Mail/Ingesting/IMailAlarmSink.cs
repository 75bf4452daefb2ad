using Correlation.Contracts;

namespace Correlation.Ingest.Mail.Ingesting;

/// <summary>Where a mail's alarm goes; true only once the broker holds it. A seam so tests can play a broker that refuses.</summary>
public interface IMailAlarmSink
{
    Task<bool> PublishAsync(Alarm alarm, string source, CancellationToken cancellationToken);
}
