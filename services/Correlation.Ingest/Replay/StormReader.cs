using System.Globalization;
using System.Text;
using System.Text.Json;
using Correlation.Contracts;

using Correlation.Ingest;
using Correlation.Ingest.Generic;

namespace Correlation.Ingest.Replay;

/// <summary>
/// Reads a storm file: JSON Lines, one alarm a line in the generic JSON alarm shape that ingest takes,
/// with <c>observedAt</c> required (a replay has no clock of its own) and an optional <c>group</c> naming
/// the true incident.
/// </summary>
/// <remarks>
/// Field rules mirror Ingest.Feeds' GenericAlarmParser (trimmed strings, the same severities and
/// statuses, the same size limits, the same defaults for fingerprint and idempotency key), so every
/// line of a storm file is also a body that <c>POST /api/v1/alarms</c> accepts and normalises the same
/// way. The file is read a line at a time; only the parsed alarms are kept, because they must be sorted
/// by time before any method sees them.
/// </remarks>
public static class StormReader
{
    public const int DefaultMaxErrors = 20;
    public const int ProgressEvery = 10_000;
    private static readonly GenericAlarmParser Parser = new(TimeProvider.System);
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    public static InputResult<Storm> ReadFile(string path, int maxErrors = DefaultMaxErrors, Action<int>? linesRead = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return InputResult.Failed<Storm>([new InputError(path, 0, null, "is a folder, not a storm file")], false);
        }

        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true,
                new FileStreamOptions { Options = FileOptions.SequentialScan, BufferSize = 1 << 16 });
            return Read(reader, path, maxErrors, linesRead);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return InputResult.Failed<Storm>([new InputError(path, 0, null, InputFiles.Reason(ex))], false);
        }
    }

    /// <param name="reader">The storm's text.</param>
    /// <param name="source">The name errors are reported under, normally the file's path.</param>
    /// <param name="maxErrors">Reading stops once this many problems are found; all of them are returned.</param>
    /// <param name="linesRead">Called every <see cref="ProgressEvery"/> lines, for progress on long files.</param>
    public static InputResult<Storm> Read(TextReader reader, string source, int maxErrors = DefaultMaxErrors, Action<int>? linesRead = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        var errors = new InputErrors(source, maxErrors);
        var alarms = new List<StormAlarm>();
        var unlabelledLines = new List<int>();
        var unlabelled = 0;
        var labelled = 0;
        var stoppedEarly = false;
        var lineNumber = 0;

        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (lineNumber % ProgressEvery == 0)
            {
                linesRead?.Invoke(lineNumber);
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var alarm = ParseLine(line, lineNumber, errors);
            if (alarm is not null)
            {
                alarms.Add(alarm);
                if (alarm.Group is null)
                {
                    unlabelled++;
                    if (unlabelledLines.Count < maxErrors)
                    {
                        unlabelledLines.Add(lineNumber);
                    }
                }
                else
                {
                    labelled++;
                }
            }

            if (errors.IsFull)
            {
                stoppedEarly = reader.ReadLine() is not null;
                break;
            }
        }

        // A storm labelled in part would score the unlabelled alarms as if they were wrong or right by
        // accident; a labelled storm states its truth for every alarm.
        if (labelled > 0 && unlabelled > 0)
        {
            foreach (var missing in unlabelledLines)
            {
                if (errors.IsFull)
                {
                    stoppedEarly = true;
                    break;
                }

                errors.Add(missing, "group",
                    $"is missing, but {labelled} other alarm(s) carry a truth group; label every alarm or none (a noise alarm can have a group of its own)");
            }
        }

        if (errors.Count > 0)
        {
            return InputResult.Failed<Storm>(errors.All, stoppedEarly);
        }

        // Stable: alarms stamped with the same instant keep the order they were recorded in.
        return InputResult.Ok(new Storm(source, [.. alarms.OrderBy(a => a.Alarm.ObservedAt)]));
    }

    /// <summary>Parses one line; on failure adds its problems to <paramref name="errors"/> and returns null.</summary>
    internal static StormAlarm? ParseLine(string line, int lineNumber, InputErrors errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.BytePositionInLine is { } position ? $" at character {position + 1}" : "";
            errors.Add(lineNumber, null, $"not valid JSON{where}: {JsonFields.FirstSentence(ex.Message)}");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add(lineNumber, null, $"expected a JSON object (one alarm a line), not {Kind(root)}");
                return null;
            }

            return ReadAlarm(root, new LineErrors(errors, lineNumber));
        }
    }

    private static StormAlarm? ReadAlarm(JsonElement obj, LineErrors errors)
    {
        // The alarm fields mean exactly what they mean to the ingest endpoint: one parser serves both.
        var problems = new List<FieldError>();
        var alarm = Parser.ReadAlarm(obj, "$", problems);
        if (!obj.TryGetProperty("observedAt", out var observed) || observed.ValueKind == JsonValueKind.Null)
        {
            problems.Add(new FieldError("$.observedAt", "is required in a storm file (an RFC 3339 time such as 2026-11-23T10:15:00Z)"));
        }

        string? group = null;
        if (obj.TryGetProperty("group", out var groupValue) && groupValue.ValueKind != JsonValueKind.Null)
        {
            if (groupValue.ValueKind == JsonValueKind.String)
            {
                group = groupValue.GetString()!.Trim() is { Length: > 0 } text ? text : null;
            }
            else
            {
                problems.Add(new FieldError("$.group", $"must be a string, not {Kind(groupValue)}"));
            }
        }

        foreach (var problem in problems)
        {
            errors.Add(problem.Field.StartsWith("$.", StringComparison.Ordinal) ? problem.Field[2..] : problem.Field, problem.Message);
        }

        if (problems.Count > 0 || alarm is null)
        {
            return null;
        }

        // A replay has no receipt time of its own; the observed time stands in for it.
        var seen = alarm.ObservedAt;
        return new StormAlarm(alarm with { Id = Guid.CreateVersion7(seen), ReceivedAt = seen }, group, errors.Line);
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>The problems of one line, so field readers need not carry the line number around.</summary>
    private readonly struct LineErrors(InputErrors errors, int line)
    {
        public int Line => line;

        public int Count => errors.Count;

        public void Add(string field, string message) => errors.Add(line, field, message);
    }
}
