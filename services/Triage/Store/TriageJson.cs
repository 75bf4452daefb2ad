using System.Text.Json;
using System.Text.Json.Serialization;

namespace Correlation.Triage.Store;

/// <summary>How triage writes its records into Redis: the web defaults with enums by name, readable in redis-cli.</summary>
internal static class TriageJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new JsonException($"null where a {typeof(T).Name} was stored");

    public static string Script(string name)
    {
        using var stream = typeof(TriageJson).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded script {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
