namespace Correlation.Ingest.Replay;

/// <summary>Turns the exceptions of opening and reading a file into one line a user can act on.</summary>
public static class InputFiles
{
    public static string Reason(Exception exception) => exception switch
    {
        FileNotFoundException => "file not found",
        DirectoryNotFoundException => "folder not found",
        UnauthorizedAccessException => "permission denied",
        _ => exception.Message,
    };
}
