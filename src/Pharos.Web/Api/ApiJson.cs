using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Pharos.Model;

namespace Pharos.Web.Api;

/// <summary>
/// JSON encodings shared by every endpoint, matching upstream byte for byte where clients care: sample values as
/// strings in Go's <c>strconv.FormatFloat(v, 'f', -1, 64)</c> form (<c>"1000000"</c>, <c>"NaN"</c>, <c>"+Inf"</c>),
/// timestamps as seconds with at most three decimals (<c>1435781451.781</c>), label sets as objects.
/// </summary>
public static class ApiJson
{
    /// <summary>Options for writers: no indentation, and non-ASCII and HTML-sensitive characters kept as upstream's encoder does.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Formats a sample value as upstream's API does: shortest round-trip digits, never an exponent.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string FormatFloat(double value)
    {
        Span<char> buffer = stackalloc char[400];
        return new string(buffer[..FormatFloat(value, buffer)]);
    }

    /// <summary>Formats a sample value into <paramref name="destination"/> (at least 400 chars long, enough for any double).</summary>
    /// <param name="value">The value.</param>
    /// <param name="destination">The buffer.</param>
    /// <returns>The number of characters written.</returns>
    public static int FormatFloat(double value, Span<char> destination)
    {
        if (double.IsNaN(value))
        {
            "NaN".CopyTo(destination);
            return 3;
        }

        if (double.IsInfinity(value))
        {
            (value > 0 ? "+Inf" : "-Inf").CopyTo(destination);
            return 4;
        }

        Span<char> shortest = stackalloc char[32];
        value.TryFormat(shortest, out var length, "R", CultureInfo.InvariantCulture);
        shortest = shortest[..length];
        var exponentAt = shortest.IndexOf('E');
        if (exponentAt < 0)
        {
            shortest.CopyTo(destination);
            return length;
        }

        // d.dddE±xx: rewrite positionally, as Go's 'f' format with precision -1 does.
        var exponent = int.Parse(shortest[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = shortest[..exponentAt];
        var pos = 0;
        if (mantissa[0] == '-')
        {
            destination[pos++] = '-';
            mantissa = mantissa[1..];
        }

        Span<char> digits = stackalloc char[24];
        var digitCount = 0;
        foreach (var c in mantissa)
        {
            if (c != '.')
            {
                digits[digitCount++] = c;
            }
        }

        // The decimal point sits after the first digit, shifted by the exponent.
        var point = 1 + exponent;
        if (point <= 0)
        {
            destination[pos++] = '0';
            destination[pos++] = '.';
            for (var i = 0; i < -point; i++)
            {
                destination[pos++] = '0';
            }

            digits[..digitCount].CopyTo(destination[pos..]);
            return pos + digitCount;
        }

        for (var i = 0; i < Math.Max(point, digitCount); i++)
        {
            if (i == point)
            {
                destination[pos++] = '.';
            }

            destination[pos++] = i < digitCount ? digits[i] : '0';
        }

        return pos;
    }

    /// <summary>
    /// Formats a value as Go's <c>strconv.FormatFloat(v, 'g', -1, 64)</c>, the text exposition format's number form:
    /// shortest digits, exponent form below 1e-4 and from 1e+06 up.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string FormatFloatG(double value)
    {
        if (!double.IsFinite(value))
        {
            return double.IsNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }

        var text = value.ToString("E16", CultureInfo.InvariantCulture);
        var target = value;
        for (var precision = 0; precision <= 16; precision++)
        {
            text = value.ToString("E" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (double.Parse(text, CultureInfo.InvariantCulture) == target)
            {
                break;
            }
        }

        var e = text.IndexOf('E', StringComparison.Ordinal);
        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (exponent < -4 || exponent >= 6)
        {
            return text[..e] + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }

        return FormatFloat(value);
    }

    /// <summary>Writes a millisecond timestamp as upstream's <c>MarshalTimestamp</c>: seconds, then up to three decimals without trailing zeros.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="timestampMs">Milliseconds since the Unix epoch.</param>
    public static void WriteTimestamp(Utf8JsonWriter writer, long timestampMs)
    {
        Span<byte> buffer = stackalloc byte[32];
        writer.WriteRawValue(buffer[..FormatTimestamp(timestampMs, buffer)], skipInputValidation: true);
    }

    /// <summary>Formats a millisecond timestamp as seconds with up to three decimals.</summary>
    /// <param name="timestampMs">Milliseconds since the Unix epoch.</param>
    /// <param name="destination">At least 32 bytes.</param>
    /// <returns>The bytes written.</returns>
    public static int FormatTimestamp(long timestampMs, Span<byte> destination)
    {
        var pos = 0;
        ulong magnitude;
        if (timestampMs < 0)
        {
            destination[pos++] = (byte)'-';
            magnitude = (ulong)(-(timestampMs + 1)) + 1;
        }
        else
        {
            magnitude = (ulong)timestampMs;
        }

        (magnitude / 1000).TryFormat(destination[pos..], out var written, default, CultureInfo.InvariantCulture);
        pos += written;
        var fraction = (int)(magnitude % 1000);
        if (fraction != 0)
        {
            destination[pos++] = (byte)'.';
            destination[pos++] = (byte)('0' + (fraction / 100));
            fraction %= 100;
            if (fraction != 0)
            {
                destination[pos++] = (byte)('0' + (fraction / 10));
                fraction %= 10;
                if (fraction != 0)
                {
                    destination[pos++] = (byte)('0' + fraction);
                }
            }
        }

        return pos;
    }

    /// <summary>Writes a sample value as a JSON string.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void WriteFloatString(Utf8JsonWriter writer, double value)
    {
        Span<char> buffer = stackalloc char[400];
        writer.WriteStringValue(buffer[..FormatFloat(value, buffer)]);
    }

    /// <summary>Writes a label set as an object in label order.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="labels">The labels.</param>
    public static void WriteLabels(Utf8JsonWriter writer, in Labels labels)
    {
        writer.WriteStartObject();
        foreach (var label in labels.Span)
        {
            writer.WriteString(label.Name, label.Value);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes <c>[ts, "value"]</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="timestampMs">The timestamp.</param>
    /// <param name="value">The value.</param>
    public static void WritePoint(Utf8JsonWriter writer, long timestampMs, double value)
    {
        writer.WriteStartArray();
        WriteTimestamp(writer, timestampMs);
        WriteFloatString(writer, value);
        writer.WriteEndArray();
    }

    /// <summary>Writes <c>[ts, {count, sum, buckets}]</c> for a native histogram, as upstream's <c>marshalHPointJSON</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="timestampMs">The timestamp.</param>
    /// <param name="histogram">The histogram.</param>
    public static void WriteHistogramPoint(Utf8JsonWriter writer, long timestampMs, FloatHistogram histogram)
    {
        writer.WriteStartArray();
        WriteTimestamp(writer, timestampMs);
        WriteHistogram(writer, histogram);
        writer.WriteEndArray();
    }

    /// <summary>Writes <c>{count, sum, buckets}</c>; buckets as <c>[boundaryRule, "lower", "upper", "count"]</c>, empty ones left out.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="histogram">The histogram.</param>
    public static void WriteHistogram(Utf8JsonWriter writer, FloatHistogram histogram)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("count"u8);
        WriteFloatString(writer, histogram.Count);
        writer.WritePropertyName("sum"u8);
        WriteFloatString(writer, histogram.Sum);
        var started = false;
        foreach (var bucket in histogram.EnumerateAllBuckets())
        {
            if (bucket.Count == 0)
            {
                continue;
            }

            if (!started)
            {
                writer.WritePropertyName("buckets"u8);
                writer.WriteStartArray();
                started = true;
            }

            // Boundary rule: 0 = (l,u], 1 = [l,u), 2 = (l,u), 3 = [l,u].
            var rule = bucket.LowerInclusive && bucket.UpperInclusive ? 3 : bucket.UpperInclusive ? 0 : bucket.LowerInclusive ? 1 : 2;
            writer.WriteStartArray();
            writer.WriteNumberValue(rule);
            WriteFloatString(writer, bucket.Lower);
            WriteFloatString(writer, bucket.Upper);
            WriteFloatString(writer, bucket.Count);
            writer.WriteEndArray();
        }

        if (started)
        {
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a timestamp as RFC 3339 with nanosecond precision trimmed, as Go's <c>time.Time</c> JSON form.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="name">The property name.</param>
    /// <param name="time">The time.</param>
    public static void WriteRfc3339(Utf8JsonWriter writer, string name, DateTimeOffset time) =>
        writer.WriteString(name, FormatRfc3339(time));

    /// <summary>Formats a time as Go's <c>time.RFC3339Nano</c> in UTC.</summary>
    /// <param name="time">The time.</param>
    /// <returns>For example <c>2024-01-02T03:04:05.123Z</c>.</returns>
    public static string FormatRfc3339(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
        return text + "Z";
    }

    /// <summary>Creates a writer over a buffer.</summary>
    /// <param name="output">The destination.</param>
    /// <returns>The writer; dispose (flushes) when done.</returns>
    public static Utf8JsonWriter CreateWriter(IBufferWriter<byte> output) => new(output, WriterOptions);
}
