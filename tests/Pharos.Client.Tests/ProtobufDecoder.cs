using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Pharos.Client.Tests;

/// <summary>
/// Renders delimited <c>io.prometheus.client.MetricFamily</c> messages as one line of protobuf text format per
/// family, in wire order, so tests can compare the encoder's output with hand-written expectations.
/// </summary>
internal static class ProtobufDecoder
{
    private enum Kind { String, Varint, Double, Message }

    private static readonly Dictionary<string, Dictionary<int, (string Name, Kind Kind, string? Type)>> Schema = new()
    {
        ["MetricFamily"] = new() { [1] = ("name", Kind.String, null), [2] = ("help", Kind.String, null), [3] = ("type", Kind.Varint, null), [4] = ("metric", Kind.Message, "Metric"), [5] = ("unit", Kind.String, null) },
        ["Metric"] = new() { [1] = ("label", Kind.Message, "LabelPair"), [2] = ("gauge", Kind.Message, "Value"), [3] = ("counter", Kind.Message, "Counter"), [4] = ("summary", Kind.Message, "Summary"), [5] = ("untyped", Kind.Message, "Value"), [6] = ("timestamp_ms", Kind.Varint, null), [7] = ("histogram", Kind.Message, "Histogram") },
        ["LabelPair"] = new() { [1] = ("name", Kind.String, null), [2] = ("value", Kind.String, null) },
        ["Value"] = new() { [1] = ("value", Kind.Double, null) },
        ["Counter"] = new() { [1] = ("value", Kind.Double, null), [2] = ("exemplar", Kind.Message, "Exemplar"), [3] = ("created_timestamp", Kind.Message, "Timestamp") },
        ["Summary"] = new() { [1] = ("sample_count", Kind.Varint, null), [2] = ("sample_sum", Kind.Double, null), [3] = ("quantile", Kind.Message, "Quantile"), [4] = ("created_timestamp", Kind.Message, "Timestamp") },
        ["Quantile"] = new() { [1] = ("quantile", Kind.Double, null), [2] = ("value", Kind.Double, null) },
        ["Histogram"] = new() { [1] = ("sample_count", Kind.Varint, null), [2] = ("sample_sum", Kind.Double, null), [3] = ("bucket", Kind.Message, "Bucket"), [15] = ("created_timestamp", Kind.Message, "Timestamp") },
        ["Bucket"] = new() { [1] = ("cumulative_count", Kind.Varint, null), [2] = ("upper_bound", Kind.Double, null), [3] = ("exemplar", Kind.Message, "Exemplar") },
        ["Exemplar"] = new() { [1] = ("label", Kind.Message, "LabelPair"), [2] = ("value", Kind.Double, null), [3] = ("timestamp", Kind.Message, "Timestamp") },
        ["Timestamp"] = new() { [1] = ("seconds", Kind.Varint, null), [2] = ("nanos", Kind.Varint, null) },
    };

    public static List<string> DecodeDelimited(ReadOnlySpan<byte> data)
    {
        var families = new List<string>();
        while (!data.IsEmpty)
        {
            var length = (int)ReadVarint(ref data);
            var sb = new StringBuilder();
            Render(data[..length], "MetricFamily", sb);
            families.Add(sb.ToString().TrimEnd());
            data = data[length..];
        }

        return families;
    }

    private static void Render(ReadOnlySpan<byte> message, string type, StringBuilder sb)
    {
        var fields = Schema[type];
        while (!message.IsEmpty)
        {
            var tag = ReadVarint(ref message);
            var (name, kind, nested) = fields[(int)(tag >> 3)];
            sb.Append(name);
            switch (kind)
            {
                case Kind.Varint:
                    sb.Append(": ").Append(ReadVarint(ref message)).Append(' ');
                    break;
                case Kind.Double:
                    sb.Append(": ").Append(BinaryPrimitives.ReadDoubleLittleEndian(message).ToString("R", CultureInfo.InvariantCulture)).Append(' ');
                    message = message[8..];
                    break;
                case Kind.String:
                    var length = (int)ReadVarint(ref message);
                    sb.Append(": \"").Append(Encoding.UTF8.GetString(message[..length])).Append("\" ");
                    message = message[length..];
                    break;
                default:
                    var size = (int)ReadVarint(ref message);
                    sb.Append(" { ");
                    Render(message[..size], nested!, sb);
                    sb.Append("} ");
                    message = message[size..];
                    break;
            }
        }
    }

    private static ulong ReadVarint(ref ReadOnlySpan<byte> data)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[0];
            data = data[1..];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
