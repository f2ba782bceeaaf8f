using System.Buffers;
using Pharos.Exposition.Model;
using Pharos.Model;

namespace Pharos.Exposition.Writers;

/// <summary>
/// Writes the OpenMetrics 1.0 text format into a caller-supplied buffer, following client_golang's
/// <c>expfmt.MetricFamilyToOpenMetrics</c> with units and created lines enabled: <c># HELP</c>, <c># TYPE</c>,
/// <c># UNIT</c>, then the samples; floats always carry a <c>.</c> or an exponent, counts of histograms and summaries
/// are integers, timestamps are seconds, exemplars follow <c> # </c>. Call <see cref="WriteEof"/> once at the end
/// (<see cref="Write"/> does). Stateless and thread-safe; allocation-free apart from the destination's growth.
/// </summary>
/// <remarks>
/// A counter whose name lacks <c>_total</c> (possible in the Prometheus formats) is written with type
/// <c>unknown</c>, as upstream does, because OpenMetrics requires the suffix. Likewise an info family whose name
/// lacks <c>_info</c>.
/// </remarks>
public static class OpenMetricsTextWriter
{
    /// <summary>The Content-Type of OpenMetrics 1.0.0 text.</summary>
    public const string ContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /// <summary>Writes all <paramref name="families"/> followed by <c># EOF</c>.</summary>
    /// <param name="destination">The buffer to append to.</param>
    /// <param name="families">The families.</param>
    public static void Write(IBufferWriter<byte> destination, IEnumerable<MetricFamily> families)
    {
        ArgumentNullException.ThrowIfNull(families);
        foreach (var family in families)
        {
            WriteFamily(destination, family);
        }

        WriteEof(destination);
    }

    /// <summary>Writes the final <c># EOF</c> line the format requires.</summary>
    /// <param name="destination">The buffer to append to.</param>
    public static void WriteEof(IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        "# EOF\n"u8.CopyTo(destination.GetSpan(6));
        destination.Advance(6);
    }

    /// <summary>Writes one family: metadata lines and all its samples (no <c># EOF</c>).</summary>
    /// <param name="destination">The buffer to append to.</param>
    /// <param name="family">The family.</param>
    public static void WriteFamily(IBufferWriter<byte> destination, MetricFamily family)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(family);
        var sink = new ByteSink(destination);
        var name = family.Name;
        var type = family.Type;
        var shortName = name.AsSpan();
        if (type == MetricType.Counter)
        {
            if (name.EndsWith("_total", StringComparison.Ordinal))
            {
                shortName = shortName[..^6];
            }
            else
            {
                type = MetricType.Unknown;
            }
        }
        else if (type == MetricType.Info)
        {
            if (name.EndsWith("_info", StringComparison.Ordinal))
            {
                shortName = shortName[..^5];
            }
            else
            {
                type = MetricType.Unknown;
            }
        }

        if (family.HasHelp || family.Help.Length > 0)
        {
            sink.Write("# HELP "u8);
            TextSampleSyntax.WriteName(ref sink, shortName);
            sink.WriteByte((byte)' ');
            sink.WriteEscaped(family.Help, escapeQuote: true);
            sink.WriteByte((byte)'\n');
        }

        sink.Write("# TYPE "u8);
        TextSampleSyntax.WriteName(ref sink, shortName);
        sink.WriteByte((byte)' ');
        sink.Write(TypeName(type));
        sink.WriteByte((byte)'\n');
        if (family.Unit.Length > 0)
        {
            sink.Write("# UNIT "u8);
            TextSampleSyntax.WriteName(ref sink, shortName);
            sink.WriteByte((byte)' ');
            sink.WriteEscaped(family.Unit, escapeQuote: true);
            sink.WriteByte((byte)'\n');
        }

        foreach (var point in family.Points)
        {
            WritePoint(ref sink, name, shortName, type, point);
        }

        sink.Flush();
    }

    /// <summary>
    /// Writes one sample line <c>name{labels} value [timestamp]</c> with OpenMetrics number formatting; a
    /// <c>__name__</c> label is skipped.
    /// </summary>
    /// <param name="destination">The buffer to append to.</param>
    /// <param name="name">The sample name.</param>
    /// <param name="labels">The labels.</param>
    /// <param name="value">The value.</param>
    /// <param name="timestampMs">The timestamp in milliseconds, or null for none.</param>
    /// <param name="exemplar">An exemplar to append, or null.</param>
    public static void WriteSample(
        IBufferWriter<byte> destination,
        string name,
        in Labels labels,
        double value,
        long? timestampMs = null,
        Exemplar? exemplar = null)
    {
        var sink = new ByteSink(destination);
        WriteLine(ref sink, name, default, labels, default, 0, value, asCount: false, timestampMs, exemplar);
        sink.Flush();
    }

    private static ReadOnlySpan<byte> TypeName(MetricType type) => type switch
    {
        MetricType.Counter => "counter"u8,
        MetricType.Gauge => "gauge"u8,
        MetricType.Histogram => "histogram"u8,
        MetricType.GaugeHistogram => "gaugehistogram"u8,
        MetricType.Summary => "summary"u8,
        MetricType.Info => "info"u8,
        MetricType.StateSet => "stateset"u8,
        _ => "unknown"u8,
    };

    private static void WritePoint(ref ByteSink sink, string name, ReadOnlySpan<char> shortName, MetricType type, MetricPoint point)
    {
        var labels = point.Labels;
        var ts = point.TimestampMs;
        switch (type)
        {
            case MetricType.Counter:
                WriteLine(ref sink, name, default, labels, default, 0, point.Value, asCount: false, ts, FirstExemplar(point));
                WriteCreated(ref sink, shortName, point);
                break;

            case MetricType.Summary:
                foreach (var q in point.Quantiles)
                {
                    WriteLine(ref sink, name, default, labels, "quantile"u8, q.Rank, q.Value, asCount: false, ts, null);
                }

                WriteSumAndCount(ref sink, name, point, "_sum"u8, "_count"u8);
                WriteCreated(ref sink, shortName, point);
                break;

            case MetricType.Histogram or MetricType.GaugeHistogram:
                var infSeen = false;
                foreach (var b in point.Buckets)
                {
                    WriteLine(ref sink, name, "_bucket"u8, labels, "le"u8, b.UpperBound, b.CumulativeCount, asCount: true, ts, b.Exemplar);
                    infSeen |= double.IsPositiveInfinity(b.UpperBound);
                }

                if (!infSeen)
                {
                    WriteLine(ref sink, name, "_bucket"u8, labels, "le"u8, double.PositiveInfinity, point.Count, asCount: true, ts, null);
                }

                if (type == MetricType.GaugeHistogram)
                {
                    WriteSumAndCount(ref sink, name, point, "_gsum"u8, "_gcount"u8);
                }
                else
                {
                    WriteSumAndCount(ref sink, name, point, "_sum"u8, "_count"u8);
                    WriteCreated(ref sink, shortName, point);
                }

                break;

            default:
                // OpenMetrics allows exemplars on counters and buckets only; other types drop them.
                WriteLine(ref sink, name, default, labels, default, 0, point.Value, asCount: false, ts, null);
                break;
        }
    }

    private static Exemplar? FirstExemplar(MetricPoint point) => point.Exemplars.Count > 0 ? point.Exemplars[0] : null;

    private static void WriteSumAndCount(ref ByteSink sink, string name, MetricPoint point, ReadOnlySpan<byte> sumSuffix, ReadOnlySpan<byte> countSuffix)
    {
        if (point.HasSum)
        {
            WriteLine(ref sink, name, sumSuffix, point.Labels, default, 0, point.Sum, asCount: false, point.TimestampMs, null);
        }

        if (point.HasCount)
        {
            WriteLine(ref sink, name, countSuffix, point.Labels, default, 0, point.Count, asCount: true, point.TimestampMs, null);
        }
    }

    private static void WriteCreated(ref ByteSink sink, ReadOnlySpan<char> shortName, MetricPoint point)
    {
        if (point.CreatedTimestampMs is not { } created)
        {
            return;
        }

        WriteLine(ref sink, shortName, "_created"u8, point.Labels, default, 0, created / 1000.0, asCount: false, point.TimestampMs, null);
    }

    private static void WriteLine(
        ref ByteSink sink,
        ReadOnlySpan<char> name,
        ReadOnlySpan<byte> suffix,
        in Labels labels,
        ReadOnlySpan<byte> extraName,
        double extraValue,
        double value,
        bool asCount,
        long? timestampMs,
        Exemplar? exemplar)
    {
        TextSampleSyntax.WriteNameAndLabels(ref sink, name, suffix, labels, extraName, extraValue, openMetrics: true);
        sink.WriteByte((byte)' ');

        // Counts are integers in the protobuf model upstream writes from, so they print without ".0".
        if (asCount && value >= 0 && value < 1.8446744073709552E+19 && value == Math.Floor(value))
        {
            sink.WriteUInt64((ulong)value);
        }
        else
        {
            sink.WriteOpenMetricsFloat(value);
        }

        if (timestampMs is { } ts)
        {
            sink.WriteByte((byte)' ');
            sink.WriteOpenMetricsFloat(ts / 1000.0);
        }

        if (exemplar is { } e)
        {
            sink.Write(" # "u8);
            if (e.Labels.IsEmpty)
            {
                sink.Write("{}"u8);
            }
            else
            {
                TextSampleSyntax.WriteNameAndLabels(ref sink, default, default, e.Labels, default, 0, openMetrics: true);
            }

            sink.WriteByte((byte)' ');
            sink.WriteOpenMetricsFloat(e.Value);
            if (e.HasTimestamp)
            {
                sink.WriteByte((byte)' ');
                sink.WriteOpenMetricsFloat(e.TimestampMs / 1000.0);
            }
        }

        sink.WriteByte((byte)'\n');
    }
}
