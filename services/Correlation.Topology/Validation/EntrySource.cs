namespace Correlation.Topology;

/// <summary>
/// Where one CMDB entry, and optionally each of its fields, was written, so that a problem the builder
/// finds points at the exact value. Field keys are the CMDB's own: "id", "site", "team", "a", "b",
/// "redundancy-group", "aliases[0]", "depends-on.devices[2]", "depends-on.services[0]". A field without a
/// location falls back to the entry's.
/// </summary>
public sealed class EntrySource
{
    private readonly IReadOnlyDictionary<string, SourceLocation>? _fields;

    public EntrySource(SourceLocation entry, IReadOnlyDictionary<string, SourceLocation>? fields = null)
    {
        Entry = entry;
        _fields = fields;
    }

    public SourceLocation Entry { get; }

    public SourceLocation Of(string field) =>
        _fields is not null && _fields.TryGetValue(field, out var at) ? at : Entry;

    /// <summary>An entry written at one place with no finer detail, e.g. a line of a CSV file.</summary>
    public static EntrySource At(string path, int line, int column = 1) => new(new SourceLocation(path, line, column));
}
