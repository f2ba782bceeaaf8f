using System.Buffers;
using Pharos.Exposition.Model;
using Pharos.Exposition.Writers;
using Pharos.Model;

namespace Pharos.Exposition.Protobuf;

/// <summary>
/// Writes varint-delimited <c>io.prometheus.client.MetricFamily</c> messages (the protobuf exposition format,
/// <c>encoding=delimited</c>) into a caller-supplied buffer. Hand-rolled: each message is sized first, then written,
/// so nothing is buffered or allocated beyond the destination's growth. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// Fields follow <c>Protobuf/metrics.proto</c>. Set scalar fields are always written, as the proto2 Go client does
/// (a gauge of 0 still carries its value). Counts that are whole numbers use the integer fields
/// (<c>sample_count</c>, <c>cumulative_count</c>, delta-encoded native buckets); others use the <c>_float</c>
/// variants. Info and stateset families become gauges and unknown becomes untyped, the closest protobuf types.
/// </remarks>
public static class ProtobufWriter
{
    /// <summary>The Content-Type of this format, as client_golang sends it.</summary>
    public const string ContentType =
        "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";

    // io.prometheus.client.MetricType values.
    private const int TypeCounter = 0;
    private const int TypeGauge = 1;
    private const int TypeSummary = 2;
    private const int TypeUntyped = 3;
    private const int TypeHistogram = 4;
    private const int TypeGaugeHistogram = 5;

    /// <summary>Writes all <paramref name="families"/>, each as a length-prefixed message.</summary>
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

    /// <summary>Writes one family as a varint length prefix followed by the <c>MetricFamily</c> message.</summary>
    /// <param name="destination">The buffer to append to.</param>
    /// <param name="family">The family.</param>
    public static void WriteFamily(IBufferWriter<byte> destination, MetricFamily family)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(family);
        var w = new ProtoWriter(new ByteSink(destination));
        w.WriteVarint((ulong)FamilySize(family));
        w.WriteStringField(1, family.Name);
        if (family.HasHelp || family.Help.Length > 0)
        {
            w.WriteStringField(2, family.Help);
        }

        w.WriteUInt64Field(3, (ulong)ProtoType(family.Type));
        foreach (var point in family.Points)
        {
            w.WriteMessageHeader(4, MetricSize(family.Type, point));
            WriteMetric(ref w, family.Type, point);
        }

        if (family.Unit.Length > 0)
        {
            w.WriteStringField(5, family.Unit);
        }

        w.Flush();
    }

    private static int ProtoType(MetricType type) => type switch
    {
        MetricType.Counter => TypeCounter,
        MetricType.Gauge or MetricType.Info or MetricType.StateSet => TypeGauge,
        MetricType.Summary => TypeSummary,
        MetricType.Histogram => TypeHistogram,
        MetricType.GaugeHistogram => TypeGaugeHistogram,
        _ => TypeUntyped,
    };

    private static int FamilySize(MetricFamily family)
    {
        var size = ProtoWriter.StringFieldSize(1, family.Name);
        if (family.HasHelp || family.Help.Length > 0)
        {
            size += ProtoWriter.StringFieldSize(2, family.Help);
        }

        size += ProtoWriter.UInt64FieldSize(3, (ulong)ProtoType(family.Type));
        foreach (var point in family.Points)
        {
            size += ProtoWriter.MessageFieldSize(4, MetricSize(family.Type, point));
        }

        if (family.Unit.Length > 0)
        {
            size += ProtoWriter.StringFieldSize(5, family.Unit);
        }

        return size;
    }

    // Metric: label=1, gauge=2, counter=3, summary=4, untyped=5, timestamp_ms=6, histogram=7.
    private static int MetricSize(MetricType type, MetricPoint point)
    {
        var size = LabelsSize(1, point.Labels);
        size += ProtoType(type) switch
        {
            TypeCounter => ProtoWriter.MessageFieldSize(3, CounterSize(point)),
            TypeGauge => ProtoWriter.MessageFieldSize(2, ProtoWriter.DoubleFieldSize(1)),
            TypeSummary => ProtoWriter.MessageFieldSize(4, SummarySize(point)),
            TypeHistogram or TypeGaugeHistogram => ProtoWriter.MessageFieldSize(7, HistogramSize(point)),
            _ => ProtoWriter.MessageFieldSize(5, ProtoWriter.DoubleFieldSize(1)),
        };
        if (point.TimestampMs is { } ts)
        {
            size += ProtoWriter.Int64FieldSize(6, ts);
        }

        return size;
    }

    private static void WriteMetric(ref ProtoWriter w, MetricType type, MetricPoint point)
    {
        WriteLabels(ref w, 1, point.Labels);
        switch (ProtoType(type))
        {
            case TypeCounter:
                w.WriteMessageHeader(3, CounterSize(point));
                WriteCounter(ref w, point);
                break;
            case TypeGauge:
                w.WriteMessageHeader(2, ProtoWriter.DoubleFieldSize(1));
                w.WriteDoubleField(1, point.Value);
                break;
            case TypeSummary:
                w.WriteMessageHeader(4, SummarySize(point));
                WriteSummary(ref w, point);
                break;
            case TypeHistogram or TypeGaugeHistogram:
                w.WriteMessageHeader(7, HistogramSize(point));
                WriteHistogram(ref w, point);
                break;
            default:
                w.WriteMessageHeader(5, ProtoWriter.DoubleFieldSize(1));
                w.WriteDoubleField(1, point.Value);
                break;
        }

        if (point.TimestampMs is { } ts)
        {
            w.WriteInt64Field(6, ts);
        }
    }

    // LabelPair: name=1, value=2. __name__ never appears in protobuf label pairs.
    private static int LabelsSize(int field, in Labels labels)
    {
        var size = 0;
        foreach (var label in labels.Span)
        {
            if (label.Name != LabelNames.MetricName)
            {
                size += ProtoWriter.MessageFieldSize(field, LabelPairSize(label));
            }
        }

        return size;
    }

    private static int LabelPairSize(Label label) =>
        ProtoWriter.StringFieldSize(1, label.Name) + ProtoWriter.StringFieldSize(2, label.Value);

    private static void WriteLabels(ref ProtoWriter w, int field, in Labels labels)
    {
        foreach (var label in labels.Span)
        {
            if (label.Name == LabelNames.MetricName)
            {
                continue;
            }

            w.WriteMessageHeader(field, LabelPairSize(label));
            w.WriteStringField(1, label.Name);
            w.WriteStringField(2, label.Value);
        }
    }

    // Counter: value=1, exemplar=2, created_timestamp=3.
    private static int CounterSize(MetricPoint point)
    {
        var size = ProtoWriter.DoubleFieldSize(1);
        if (point.Exemplars.Count > 0)
        {
            size += ProtoWriter.MessageFieldSize(2, ExemplarSize(point.Exemplars[0]));
        }

        if (point.CreatedTimestampMs is { } ct)
        {
            size += ProtoWriter.MessageFieldSize(3, TimestampSize(ct));
        }

        return size;
    }

    private static void WriteCounter(ref ProtoWriter w, MetricPoint point)
    {
        w.WriteDoubleField(1, point.Value);
        if (point.Exemplars.Count > 0)
        {
            WriteExemplar(ref w, 2, point.Exemplars[0]);
        }

        if (point.CreatedTimestampMs is { } ct)
        {
            WriteTimestamp(ref w, 3, ct);
        }
    }

    // Summary: sample_count=1, sample_sum=2, quantile=3 (Quantile: quantile=1, value=2), created_timestamp=4.
    private static int SummarySize(MetricPoint point)
    {
        var size = CountSize(1, 0, point.Count) + ProtoWriter.DoubleFieldSize(2);
        size += point.Quantiles.Count * ProtoWriter.MessageFieldSize(3, 2 * ProtoWriter.DoubleFieldSize(1));
        if (point.CreatedTimestampMs is { } ct)
        {
            size += ProtoWriter.MessageFieldSize(4, TimestampSize(ct));
        }

        return size;
    }

    private static void WriteSummary(ref ProtoWriter w, MetricPoint point)
    {
        WriteCount(ref w, 1, 0, point.Count);
        w.WriteDoubleField(2, point.Sum);
        foreach (var q in point.Quantiles)
        {
            w.WriteMessageHeader(3, 2 * ProtoWriter.DoubleFieldSize(1));
            w.WriteDoubleField(1, q.Rank);
            w.WriteDoubleField(2, q.Value);
        }

        if (point.CreatedTimestampMs is { } ct)
        {
            WriteTimestamp(ref w, 4, ct);
        }
    }

    // Histogram: sample_count=1, sample_sum=2, bucket=3, sample_count_float=4, schema=5, zero_threshold=6,
    // zero_count=7, zero_count_float=8, negative_span=9, negative_delta=10, negative_count=11, positive_span=12,
    // positive_delta=13, positive_count=14, created_timestamp=15, exemplars=16.
    private static int HistogramSize(MetricPoint point)
    {
        var size = CountSize(1, 4, point.Count) + ProtoWriter.DoubleFieldSize(2);
        foreach (var b in point.Buckets)
        {
            size += ProtoWriter.MessageFieldSize(3, BucketSize(b));
        }

        if (point.NativeHistogram is { } h)
        {
            var integer = IsIntegerHistogram(h);
            size += ProtoWriter.SInt64FieldSize(5, h.Schema) + ProtoWriter.DoubleFieldSize(6);
            size += integer ? ProtoWriter.UInt64FieldSize(7, (ulong)h.ZeroCount) : ProtoWriter.DoubleFieldSize(8);
            size += SpansSize(9, h.NegativeSpans) + BucketCountsSize(10, 11, h.NegativeBuckets, integer);
            size += SpansSize(12, h.PositiveSpans) + BucketCountsSize(13, 14, h.PositiveBuckets, integer);
            if (h.PositiveSpans.Length == 0 && h.NegativeSpans.Length == 0)
            {
                size += NoOpSpanSize;
            }

            foreach (var e in point.Exemplars)
            {
                size += ProtoWriter.MessageFieldSize(16, ExemplarSize(e));
            }
        }

        if (point.CreatedTimestampMs is { } ct)
        {
            size += ProtoWriter.MessageFieldSize(15, TimestampSize(ct));
        }

        return size;
    }

    private static void WriteHistogram(ref ProtoWriter w, MetricPoint point)
    {
        WriteCount(ref w, 1, 4, point.Count);
        w.WriteDoubleField(2, point.Sum);
        foreach (var b in point.Buckets)
        {
            w.WriteMessageHeader(3, BucketSize(b));
            WriteCount(ref w, 1, 4, b.CumulativeCount);
            w.WriteDoubleField(2, b.UpperBound);
            if (b.Exemplar is { } e)
            {
                WriteExemplar(ref w, 3, e);
            }
        }

        if (point.NativeHistogram is { } h)
        {
            var integer = IsIntegerHistogram(h);
            w.WriteSInt64Field(5, h.Schema);
            w.WriteDoubleField(6, h.ZeroThreshold);
            if (integer)
            {
                w.WriteUInt64Field(7, (ulong)h.ZeroCount);
            }
            else
            {
                w.WriteDoubleField(8, h.ZeroCount);
            }

            WriteSpans(ref w, 9, h.NegativeSpans);
            WriteBucketCounts(ref w, 10, 11, h.NegativeBuckets, integer);
            WriteSpans(ref w, 12, h.PositiveSpans);
            WriteBucketCounts(ref w, 13, 14, h.PositiveBuckets, integer);

            // A native histogram without buckets needs a no-op span, or it reads as a classic one.
            if (h.PositiveSpans.Length == 0 && h.NegativeSpans.Length == 0)
            {
                w.WriteMessageHeader(12, 0);
            }
        }

        if (point.CreatedTimestampMs is { } ct)
        {
            WriteTimestamp(ref w, 15, ct);
        }

        if (point.NativeHistogram is not null)
        {
            foreach (var e in point.Exemplars)
            {
                WriteExemplar(ref w, 16, e);
            }
        }
    }

    private static int NoOpSpanSize => ProtoWriter.MessageFieldSize(12, 0);

    private static bool IsIntegerHistogram(FloatHistogram h)
    {
        if (!IsWhole(h.ZeroCount) || !IsWhole(h.Count))
        {
            return false;
        }

        foreach (var c in h.PositiveBuckets)
        {
            if (!IsWhole(c))
            {
                return false;
            }
        }

        foreach (var c in h.NegativeBuckets)
        {
            if (!IsWhole(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsWhole(double value) => value >= 0 && value < 9.2233720368547758E+18 && value == Math.Floor(value);

    // A whole count goes to the uint64 field; any other to the float field (Go "overrides if > 0").
    private static int CountSize(int intField, int floatField, double count) =>
        IsWhole(count) || floatField == 0
            ? ProtoWriter.UInt64FieldSize(intField, IsWhole(count) ? (ulong)count : 0)
            : ProtoWriter.DoubleFieldSize(floatField);

    private static void WriteCount(ref ProtoWriter w, int intField, int floatField, double count)
    {
        if (IsWhole(count) || floatField == 0)
        {
            w.WriteUInt64Field(intField, IsWhole(count) ? (ulong)count : 0);
        }
        else
        {
            w.WriteDoubleField(floatField, count);
        }
    }

    // Bucket: cumulative_count=1, upper_bound=2, exemplar=3, cumulative_count_float=4.
    private static int BucketSize(ClassicBucket b)
    {
        var size = CountSize(1, 4, b.CumulativeCount) + ProtoWriter.DoubleFieldSize(2);
        if (b.Exemplar is { } e)
        {
            size += ProtoWriter.MessageFieldSize(3, ExemplarSize(e));
        }

        return size;
    }

    // BucketSpan: offset=1 (sint32), length=2 (uint32).
    private static int SpanSize(HistogramSpan s) =>
        ProtoWriter.SInt64FieldSize(1, s.Offset) + ProtoWriter.UInt64FieldSize(2, s.Length);

    private static int SpansSize(int field, HistogramSpan[] spans)
    {
        var size = 0;
        foreach (var s in spans)
        {
            size += ProtoWriter.MessageFieldSize(field, SpanSize(s));
        }

        return size;
    }

    private static void WriteSpans(ref ProtoWriter w, int field, HistogramSpan[] spans)
    {
        foreach (var s in spans)
        {
            w.WriteMessageHeader(field, SpanSize(s));
            w.WriteSInt64Field(1, s.Offset);
            w.WriteUInt64Field(2, s.Length);
        }
    }

    // Integer histograms carry each bucket as the delta to the previous one (unpacked, as proto2 writes them).
    private static int BucketCountsSize(int deltaField, int countField, double[] counts, bool integer)
    {
        if (!integer)
        {
            return counts.Length * ProtoWriter.DoubleFieldSize(countField);
        }

        var size = 0;
        long previous = 0;
        foreach (var c in counts)
        {
            var current = (long)c;
            size += ProtoWriter.SInt64FieldSize(deltaField, current - previous);
            previous = current;
        }

        return size;
    }

    private static void WriteBucketCounts(ref ProtoWriter w, int deltaField, int countField, double[] counts, bool integer)
    {
        long previous = 0;
        foreach (var c in counts)
        {
            if (integer)
            {
                var current = (long)c;
                w.WriteSInt64Field(deltaField, current - previous);
                previous = current;
            }
            else
            {
                w.WriteDoubleField(countField, c);
            }
        }
    }

    // Exemplar: label=1, value=2, timestamp=3.
    private static int ExemplarSize(Exemplar e)
    {
        var size = LabelsSize(1, e.Labels) + ProtoWriter.DoubleFieldSize(2);
        if (e.HasTimestamp)
        {
            size += ProtoWriter.MessageFieldSize(3, TimestampSize(e.TimestampMs));
        }

        return size;
    }

    private static void WriteExemplar(ref ProtoWriter w, int field, Exemplar e)
    {
        w.WriteMessageHeader(field, ExemplarSize(e));
        WriteLabels(ref w, 1, e.Labels);
        w.WriteDoubleField(2, e.Value);
        if (e.HasTimestamp)
        {
            WriteTimestamp(ref w, 3, e.TimestampMs);
        }
    }

    // google.protobuf.Timestamp: seconds=1, nanos=2; zero fields are omitted (proto3).
    private static (long Seconds, int Nanos) SplitTimestamp(long ms)
    {
        var seconds = Math.DivRem(ms, 1000, out var rem);
        if (rem < 0)
        {
            seconds--;
            rem += 1000;
        }

        return (seconds, (int)rem * 1_000_000);
    }

    private static int TimestampSize(long ms)
    {
        var (seconds, nanos) = SplitTimestamp(ms);
        return (seconds != 0 ? ProtoWriter.Int64FieldSize(1, seconds) : 0) + (nanos != 0 ? ProtoWriter.Int64FieldSize(2, nanos) : 0);
    }

    private static void WriteTimestamp(ref ProtoWriter w, int field, long ms)
    {
        var (seconds, nanos) = SplitTimestamp(ms);
        w.WriteMessageHeader(field, TimestampSize(ms));
        if (seconds != 0)
        {
            w.WriteInt64Field(1, seconds);
        }

        if (nanos != 0)
        {
            w.WriteInt64Field(2, nanos);
        }
    }
}
