namespace Correlation.Correlator.Live;

/// <summary>The Lua scripts embedded in the assembly.</summary>
internal static class Scripts
{
    /// <summary>A window script: window-prelude.lua (the argument, the key root, helpers) and then the script.</summary>
    public static string ReadWindow(string name) => Read("window-prelude.lua") + "\n" + Read(name);

    public static string Read(string name)
    {
        using var stream = typeof(Scripts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded script {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
