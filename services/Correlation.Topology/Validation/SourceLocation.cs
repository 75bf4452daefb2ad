namespace Correlation.Topology;

/// <summary>A point in a source file; lines and columns count from 1, and line 0 means the whole file.</summary>
public readonly record struct SourceLocation(string Path, int Line, int Column)
{
    public override string ToString() => Line > 0 ? $"{Path}:{Line}:{Column}" : Path;
}
