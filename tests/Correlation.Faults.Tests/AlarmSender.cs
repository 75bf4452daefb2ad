using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Correlation.Faults.Tests;

/// <summary>
/// Sends the storm to ingest over HTTP, one alarm a request, in order, at a steady rate (catching up after a
/// stall). An alarm is sent again until ingest answers 202 (a 503 while the broker is away, a refused or broken
/// connection): the same body, so the same idempotency key, as a real sender retries. What each alarm got is
/// recorded: when it was first sent, when it was accepted, the ids ingest gave it (more than one when an attempt
/// whose answer was lost had in fact been published), and how many attempts it took.
/// </summary>
internal sealed class AlarmSender(HttpClient client, FaultStorm storm, string run, double alarmsPerSecond)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan StopCheck = TimeSpan.FromMilliseconds(50);
    private readonly SentAlarm[] _sent = [.. storm.Alarms.Select(a => new SentAlarm(a))];
    private int _next;
    private int _limit = int.MaxValue;

    public IReadOnlyList<SentAlarm> Sent => _sent;

    /// <summary>How many alarms have been handed to ingest so far (the next one's sequence number).</summary>
    public int Position => Volatile.Read(ref _next);

    public int Refusals { get; private set; }

    /// <summary>Ends the run once the alarm in hand is accepted: no alarm is left half-sent. Returns how many were sent.</summary>
    public int Stop()
    {
        Volatile.Write(ref _limit, 0);
        return Position;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < _sent.Length && i < Volatile.Read(ref _limit); i++)
        {
            var due = TimeSpan.FromSeconds(i / alarmsPerSecond);
            for (var wait = due - clock.Elapsed; wait > TimeSpan.Zero && Volatile.Read(ref _limit) > i; wait = due - clock.Elapsed)
            {
                await Task.Delay(wait < StopCheck ? wait : StopCheck, cancellationToken);
            }

            if (Volatile.Read(ref _limit) <= i)
            {
                break;
            }

            var alarm = _sent[i];
            alarm.FirstSentAt = DateTimeOffset.UtcNow;
            Volatile.Write(ref _next, i + 1);
            var body = alarm.Alarm.Body(run);
            while (true)
            {
                alarm.Attempts++;
                try
                {
                    using var response = await client.PostAsync(new Uri("/api/v1/alarms", UriKind.Relative),
                        new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                        alarm.Ids.Add(answer.RootElement.GetProperty("alarms")[0].GetProperty("id").GetGuid());
                        alarm.AcceptedAt = DateTimeOffset.UtcNow;
                        break;
                    }

                    Refusals++;
                }
                catch (HttpRequestException)
                {
                    // Ingest's connection refused or broken: not accepted, so sent again.
                    Refusals++;
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The request timed out: ingest may or may not have published it; the same key is sent again.
                    Refusals++;
                }

                await Task.Delay(RetryDelay, cancellationToken);
            }
        }
    }
}

internal sealed class SentAlarm(StormAlarm alarm)
{
    public StormAlarm Alarm { get; } = alarm;

    public List<Guid> Ids { get; } = [];

    public int Attempts { get; set; }

    public DateTimeOffset? FirstSentAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }
}
