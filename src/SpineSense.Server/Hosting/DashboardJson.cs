using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpineSense.Server;

/// <summary>The one JSON shape of the API: camelCase, enums as strings, no nulls dropped (pages rely on keys).</summary>
public static class DashboardJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions o)
    {
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        o.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        return o;
    }
}
