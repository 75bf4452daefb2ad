namespace Correlation.Ingest.Replay;

/// <summary>
/// Collects a file's problems up to a limit. A file with a systematic mistake (a renamed column, the
/// wrong time format) would otherwise bury the terminal in thousands of identical lines; the first
/// few, all listed, are enough to fix it.
/// </summary>
public sealed class InputErrors(string file, int maxErrors)
{
    private readonly List<InputError> _errors = [];

    public string File { get; } = file;

    public IReadOnlyList<InputError> All => _errors;

    public int Count => _errors.Count;

    public bool IsFull => _errors.Count >= Math.Max(1, maxErrors);

    public void Add(int line, string? field, string message) => _errors.Add(new InputError(File, line, field, message));
}
