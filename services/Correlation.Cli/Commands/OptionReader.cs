namespace Correlation.Cli.Commands;

/// <summary>Reads one "--name value" or "--name=value" option, as every command takes them.</summary>
internal static class OptionReader
{
    /// <summary>Reads the option at <paramref name="i"/>, moving <paramref name="i"/> past its value.</summary>
    public static bool TryRead(IReadOnlyList<string> args, ref int i, out string name, out string value, out string? error)
    {
        name = args[i];
        value = "";
        error = null;
        string? found = null;
        var equals = name.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0)
        {
            found = name[(equals + 1)..];
            name = name[..equals];
        }
        else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            found = args[++i];
        }

        if (string.IsNullOrWhiteSpace(found))
        {
            error = $"{name} needs a value";
            return false;
        }

        value = found;
        return true;
    }
}
