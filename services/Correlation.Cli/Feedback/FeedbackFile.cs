using System.Text.Json;
using Correlation.Ingest.Replay;
using Correlation.Cli.Storms;
using Correlation.Correlator.Operations;

namespace Correlation.Cli.Feedback;

/// <summary>
/// Operators' corrections as the correlator exports them (<c>GET /api/v1/feedback</c>, JSON Lines of
/// <see cref="FeedbackRecord"/>): read with every bad line named, and turned into labelled alarms to learn from.
/// </summary>
public static class FeedbackFile
{
    /// <summary>How far apart the corrections are laid when learning: no alarm pair crosses two corrections.</summary>
    private static readonly TimeSpan Apart = TimeSpan.FromDays(1);

    public static InputResult<IReadOnlyList<FeedbackRecord>> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return InputResult.Failed<IReadOnlyList<FeedbackRecord>>([new InputError(path, 0, null, InputFiles.Reason(ex))], false);
        }

        var records = new List<FeedbackRecord>();
        var errors = new List<InputError>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            try
            {
                var record = JsonSerializer.Deserialize<FeedbackRecord>(lines[i], FeedbackRecord.Json);
                if (record?.Groups is not { Count: > 0 } groups || groups.Any(g => g is null || g.Any(a => a is null)))
                {
                    errors.Add(new InputError(path, i + 1, "groups", "a correction needs one or more groups of alarms"));
                }
                else
                {
                    records.Add(record);
                }
            }
            catch (JsonException ex)
            {
                errors.Add(new InputError(path, i + 1, ex.Path, "not a feedback record: " + ex.Message));
            }
        }

        if (errors.Count == 0 && records.Count == 0)
        {
            errors.Add(new InputError(path, 0, null, "holds no corrections"));
        }

        return errors.Count > 0
            ? InputResult.Failed<IReadOnlyList<FeedbackRecord>>(errors, false)
            : InputResult.Ok<IReadOnlyList<FeedbackRecord>>(records);
    }

    /// <summary>
    /// The corrections as one labelled storm, to learn from: the groups a correction says belong together
    /// share a truth group, groups it says belong apart get one each; each correction is laid on a day of its
    /// own after <paramref name="after"/>, so that no pair of alarms from two corrections is counted.
    /// </summary>
    public static IReadOnlyList<StormAlarm> ToAlarms(IReadOnlyList<FeedbackRecord> records, DateTimeOffset after)
    {
        ArgumentNullException.ThrowIfNull(records);
        var alarms = new List<StormAlarm>();
        var start = after + Apart;
        foreach (var record in records)
        {
            var all = record.Groups.SelectMany(g => g).ToList();
            if (all.Count == 0)
            {
                continue;
            }

            var first = all.Min(a => a.ObservedAt);
            var shift = start - first;
            for (var g = 0; g < record.Groups.Count; g++)
            {
                var group = record.Label == FeedbackLabel.FalseMerge ? $"{record.Id}/{g}" : record.Id;
                alarms.AddRange(record.Groups[g].Select(a => new StormAlarm(a with { ObservedAt = a.ObservedAt + shift, ReceivedAt = a.ReceivedAt + shift }, group, 0)));
            }

            start = all.Max(a => a.ObservedAt) + shift + Apart;
        }

        return [.. alarms.OrderBy(a => a.Alarm.ObservedAt)];
    }
}
