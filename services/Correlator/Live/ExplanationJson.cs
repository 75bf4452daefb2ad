using System.Text.Json;
using System.Text.Json.Serialization;

namespace Correlation.Correlator.Live;

/// <summary>How decision records are written and served: web casing, enums by name.</summary>
public static class ExplanationJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
