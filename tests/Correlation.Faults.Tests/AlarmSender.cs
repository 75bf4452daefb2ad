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
/// whose answer was lost had in fact been published), and how many attempts it took. With several ingest
/// instances (one client each) the storm is split across them: alarm n goes to instance n mod the count, each
/// instance's share sent by a lane of its own, concurrently with the others, on the same schedule.
/// </summary>
internal sealed class AlarmSender(IReadOnlyList<HttpClient> clients, FaultStorm storm, string run, double alarmsPerSecond)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan StopCheck = TimeSpan.FromMilliseconds(50);
    private readonly SentAlarm[] _sent = [.. storm.Alarms.Select(a => new SentAlarm(a))];
    private int _next;
    private int _limit = int.MaxValue;
    private int _refusals;

    public AlarmSender(HttpClient client, FaultStorm storm, string run, double alarmsPerSecond)
        : this([client], storm, run, alarmsPerSecond)
    {
    }

    public IReadOnlyList<SentAlarm> Sent => _sent;

    /// <summary>How many alarms have been handed to ingest so far (one past the highest sequence number handed over).</summary>
    public int Position => Volatile.Read(ref _next);

    public int Refusals => Volatile.Read(ref _refusals);

    /// <summary>
    /// Ends the run once every alarm handed over so far is accepted (with several lanes, those below the highest
    /// handed over are sent too): no alarm is left half-sent. Returns how many were sent.
    /// </summary>
    public int Stop()
    {
        var sent = Position;
        Volatile.Write(ref _limit, sent);
        return sent;
    }

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, clients.Count).Select(lane => Task.Run(() => RunLaneAsync(lane, cancellationToken), cancellationToken)));

    private async Task RunLaneAsync(int lane, CancellationToken cancellationToken)
    {
        var client = clients[lane];
        var clock = Stopwatch.StartNew();
        for (var i = lane; i < _sent.Length && i < Volatile.Read(ref _limit); i += clients.Count)
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
            alarm.Ingest = lane;
            alarm.FirstSentAt = DateTimeOffset.UtcNow;
            Advance(i + 1);
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

                    Interlocked.Increment(ref _refusals);
                }
                catch (HttpRequestException)
                {
                    // Ingest's connection refused or broken: not accepted, so sent again.
                    Interlocked.Increment(ref _refusals);
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The request timed out: ingest may or may not have published it; the same key is sent again.
                    Interlocked.Increment(ref _refusals);
                }

                await Task.Delay(RetryDelay, cancellationToken);
            }
        }
    }

    /// <summary>Moves <see cref="Position"/> up to <paramref name="next"/> unless a lane ahead moved it further.</summary>
    private void Advance(int next)
    {
        for (var seen = Volatile.Read(ref _next); seen < next; seen = Volatile.Read(ref _next))
        {
            if (Interlocked.CompareExchange(ref _next, next, seen) == seen)
            {
                return;
            }
        }
    }
}

internal sealed class SentAlarm(StormAlarm alarm)
{
    public StormAlarm Alarm { get; } = alarm;

    public List<Guid> Ids { get; } = [];

    public int Attempts { get; set; }

    /// <summary>Which ingest instance it was sent to (0 when there is one).</summary>
    public int Ingest { get; set; }

    public DateTimeOffset? FirstSentAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }
}
