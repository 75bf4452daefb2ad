using System.Buffers;
using System.Text.Json;
using StackExchange.Redis;

namespace Correlation.Correlator.Live;

/// <summary>A script's JSON argument, written as it is built instead of as a tree first.</summary>
internal sealed class ScriptArgs : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);

    public ScriptArgs() => Writer = new Utf8JsonWriter(_buffer);

    public Utf8JsonWriter Writer { get; }

    /// <summary>Writes <paramref name="name"/> as an array of strings.</summary>
    public static void Strings(Utf8JsonWriter writer, string name, IEnumerable<string> items)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }

    /// <summary>The JSON written so far, as the script argument.</summary>
    public RedisValue ToRedisValue()
    {
        Writer.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    public void Dispose() => Writer.Dispose();
}
