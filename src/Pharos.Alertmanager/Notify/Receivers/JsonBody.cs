using System.Buffers;
using System.Text.Json;

namespace Pharos.Alertmanager.Notify.Receivers;

/// <summary>Builds a JSON request body with a writer callback.</summary>
internal static class JsonBody
{
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        // Go's json.Encoder ends the document with a newline.
        return [.. buffer.WrittenSpan, (byte)'\n'];
    }

    /// <summary>Truncates to <paramref name="maxRunes"/> characters with a trailing ellipsis, as upstream's <c>TruncateInRunes</c>.</summary>
    public static string Truncate(string s, int maxRunes)
    {
        var runes = s.EnumerateRunes().ToList();
        return runes.Count <= maxRunes ? s : string.Concat(runes.Take(maxRunes - 1).Select(r => r.ToString())) + "…";
    }
}
