using Correlation.Contracts;
using Correlation.Ingest.Publishing;

namespace Correlation.Ingest.Mail.Ingesting;

/// <summary>
/// Publishes through <see cref="AlarmPublisher"/>, which waits for the broker's confirm. Its publish
/// endpoint is scoped, and SMTP sessions and the IMAP poller live outside any request, so each mail gets a scope.
/// </summary>
public sealed class BusAlarmSink(IServiceScopeFactory scopes) : IMailAlarmSink
{
    public async Task<bool> PublishAsync(Alarm alarm, string source, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AlarmPublisher>().PublishAsync([alarm], source, cancellationToken);
    }
}
