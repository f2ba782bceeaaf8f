using System.Buffers;
using Pharos.Exposition.Model;
using Pharos.Model;

namespace Pharos.Exposition.Writers;

/// <summary>
/// Writes the Prometheus text format 0.0.4 into a caller-supplied buffer, byte for byte as client_golang's
/// <c>expfmt.MetricFamilyToText</c> does: <c># HELP</c> (when present) then <c># TYPE</c>, one line per sample,
/// numbers in Go's shortest <c>%g</c> form, timestamps as integer milliseconds. Stateless and thread-safe; the
/// methods allocate nothing beyond what the destination allocates.
/// </summary>
/// <remarks>
/// The format has no info, stateset or gauge histogram types: info and stateset families are written as gauges and
/// gauge histograms as histograms (with <c>_sum</c>/<c>_count</c>). Units and created timestamps are dropped.
/// </remarks>
public static class PrometheusTextWriter
{
    /// <summary>The Content-Type of this format, as client_golang sends it.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Writes all <paramref name="families"/> in the given order.</summary>
    /// <param name="destination">The buffer to append to.</param>
    /// <param name="families">The families.</param>
    public static void Write(IBufferWriter<byte> destination, IEnumerable<MetricFamily> families)
    {
        ArgumentNullException.ThrowIfNull(families);
        foreach (var family in families)
        {
            WriteFamily(destination, family);
        }
    }

    /// <summary>Writes one family: its HELP and TYPE lines and all its samples.</summary>
    /// <param name="destination">The buffer to append to.</param>
    /// <param name="family">The family.</param>
    public static void WriteFamily(IBufferWriter<byte> destination, MetricFamily family)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(family);
        var sink = new ByteSink(destination);
        if (family.HasHelp || family.Help.Length > 0)
        {
            WriteHelp(ref sink, family.Name, family.Help);
        }

        WriteType(ref sink, family.Name, family.Type);
        foreach (var point in family.Points)
        {
            WritePoint(ref sink, family, point);
        }

        sink.Flush();
    }

    /// <summary>Writes <c># HELP name help</c>, escaping backslash and newline in the help text.</summary>
    /// <param name="destination">The buffer to append to.</param>
    /// <param name="name">The family name.</param>
    /// <param name="help">The help text, unescaped.</param>
    public static void WriteHelp(IBufferWriter<byte> destination, string name, string help)
    {
        var sink = new ByteSink(destination);
        WriteHelp(ref sink, name, help);
        sink.Flush();
    }

    /// <summary>Writes <c># TYPE name type</c> with the text format's type names (<c>untyped</c> for unknown).</summary>
    /// <param name="destination">The buffer to append to.</param>
    /// <param name="name">The family name.</param>
    /// <param name="type">The type.</param>
    public static void WriteType(IBufferWriter<byte> destination, string name, MetricType type)
    {
        var sink = new ByteSink(destination);
        WriteType(ref sink, name, type);
        sink.Flush();
    }

    /// <summary>
    /// Writes one sample line <c>name{labels} value [timestamp]</c>. A <c>__name__</c> label in
    /// <paramref name="labels"/> is skipped, so a full series label set can be passed as is (federation).
    /// </summary>
    /// <param name="destination">The buffer to append to.</param>
    /// <param name="name">The sample name.</param>
    /// <param name="labels">The labels.</param>
    /// <param name="value">The value.</param>
    /// <param name="timestampMs">The timestamp in milliseconds, or null for none.</param>
    public static void WriteSample(IBufferWriter<byte> destination, string name, in Labels labels, double value, long? timestampMs = null)
    {
        var sink = new ByteSink(destination);
        WriteLine(ref sink, name, default, labels, default, 0, value, timestampMs);
        sink.Flush();
    }

    private static void WriteHelp(ref ByteSink sink, string name, string help)
    {
        sink.Write("# HELP "u8);
        TextSampleSyntax.WriteName(ref sink, name);
        sink.WriteByte((byte)' ');
        sink.WriteEscaped(help, escapeQuote: false);
        sink.WriteByte((byte)'\n');
    }

    private static void WriteType(ref ByteSink sink, string name, MetricType type)
    {
        sink.Write("# TYPE "u8);
        TextSampleSyntax.WriteName(ref sink, name);
        sink.Write(type switch
        {
            MetricType.Counter => " counter\n"u8,
            MetricType.Gauge or MetricType.Info or MetricType.StateSet => " gauge\n"u8,
            MetricType.Histogram or MetricType.GaugeHistogram => " histogram\n"u8,
            MetricType.Summary => " summary\n"u8,
            _ => " untyped\n"u8,
        });
    }

    private static void WritePoint(ref ByteSink sink, MetricFamily family, MetricPoint point)
    {
        var name = family.Name;
        var labels = point.Labels;
        var ts = point.TimestampMs;
        switch (family.Type)
        {
            case MetricType.Summary:
                foreach (var q in point.Quantiles)
                {
                    WriteLine(ref sink, name, default, labels, "quantile"u8, q.Rank, q.Value, ts);
                }

                WriteSumAndCount(ref sink, name, point, ts);
                break;

            case MetricType.Histogram or MetricType.GaugeHistogram:
                var infSeen = false;
                foreach (var b in point.Buckets)
                {
                    WriteLine(ref sink, name, "_bucket"u8, labels, "le"u8, b.UpperBound, b.CumulativeCount, ts);
                    infSeen |= double.IsPositiveInfinity(b.UpperBound);
                }

                // As upstream: a histogram always ends with a +Inf bucket equal to the count.
                if (!infSeen)
                {
                    WriteLine(ref sink, name, "_bucket"u8, labels, "le"u8, double.PositiveInfinity, point.Count, ts);
                }

                WriteSumAndCount(ref sink, name, point, ts);
                break;

            default:
                WriteLine(ref sink, name, default, labels, default, 0, point.Value, ts);
                break;
        }
    }

    private static void WriteSumAndCount(ref ByteSink sink, string name, MetricPoint point, long? ts)
    {
        if (point.HasSum)
        {
            WriteLine(ref sink, name, "_sum"u8, point.Labels, default, 0, point.Sum, ts);
        }

        if (point.HasCount)
        {
            WriteLine(ref sink, name, "_count"u8, point.Labels, default, 0, point.Count, ts);
        }
    }

    private static void WriteLine(
        ref ByteSink sink,
        string name,
        ReadOnlySpan<byte> suffix,
        in Labels labels,
        ReadOnlySpan<byte> extraName,
        double extraValue,
        double value,
        long? timestampMs)
    {
        TextSampleSyntax.WriteNameAndLabels(ref sink, name, suffix, labels, extraName, extraValue, openMetrics: false);
        sink.WriteByte((byte)' ');
        sink.WriteFloat(value);
        if (timestampMs is { } ts)
        {
            sink.WriteByte((byte)' ');
            sink.WriteInt64(ts);
        }

        sink.WriteByte((byte)'\n');
    }
}
