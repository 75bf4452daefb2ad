namespace Correlation.Ingest.Replay;

/// <summary>
/// One problem in an input file: which file, which line (0 when it concerns the whole file), which
/// field when one is to blame, and why. Printed as <c>file:line: field: reason</c> so editors and
/// terminals can jump to it.
/// </summary>
public sealed record InputError(string File, int Line, string? Field, string Message)
{
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}" : File;
        return Field is null ? $"{where}: {Message}" : $"{where}: {Field}: {Message}";
    }
}
