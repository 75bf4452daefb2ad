namespace Correlation.Correlator.Live;

/// <summary>The Lua scripts embedded in the assembly.</summary>
internal static class Scripts
{
    public static string Read(string name)
    {
        using var stream = typeof(Scripts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded script {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
