using System.Buffers;
using Pharos.Model;
using Pharos.Tsdb.Binary;

namespace Pharos.Tsdb.Record;

/// <summary>
/// Encodes WAL records byte for byte as Prometheus's <c>record.Encoder</c> (the sample records in their original,
/// version-1 layout, which every Prometheus 2.x and 3.x reads). Each method appends one whole record to the
/// caller's buffer. Allocation-free apart from the buffer's own growth. See <c>docs/formats/wal.md</c>.
/// </summary>
public static class RecordEncoder
{
    /// <summary>Encodes a series record: per series, <c>ref &lt;BE64&gt; │ label count &lt;uvarint&gt; │ (name, value) strings</c>.</summary>
    /// <param name="series">The series.</param>
    /// <param name="writer">The destination.</param>
    public static void Series(ReadOnlySpan<RefSeries> series, IBufferWriter<byte> writer)
    {
        var buf = new Encbuf(writer);
        buf.PutByte((byte)RecordType.Series);
        foreach (var s in series)
        {
            buf.PutBE64(s.Ref);
            PutLabels(buf, s.Labels);
        }
    }

    /// <summary>
    /// Encodes a samples record: the first sample's ref and timestamp as <c>BE64</c>, then per sample the ref and
    /// timestamp as varint deltas to those and the value's bits as <c>BE64</c>. An empty input gives the type byte only.
    /// </summary>
    /// <param name="samples">The samples.</param>
    /// <param name="writer">The destination.</param>
    public static void Samples(ReadOnlySpan<RefSample> samples, IBufferWriter<byte> writer)
    {
        var buf = new Encbuf(writer);
        buf.PutByte((byte)RecordType.Samples);
        if (samples.IsEmpty)
        {
            return;
        }

        var first = samples[0];
        buf.PutBE64(first.Ref);
        buf.PutBE64(first.TimestampMs);
        foreach (var s in samples)
        {
            buf.PutVarint((long)(s.Ref - first.Ref));
            buf.PutVarint(s.TimestampMs - first.TimestampMs);
            buf.PutBEFloat64(s.Value);
        }
    }

    /// <summary>Encodes a tombstones record: per interval, <c>ref &lt;BE64&gt; │ mint &lt;varint&gt; │ maxt &lt;varint&gt;</c>.</summary>
    /// <param name="tombstones">The deleted intervals.</param>
    /// <param name="writer">The destination.</param>
    public static void Tombstones(ReadOnlySpan<RefTombstone> tombstones, IBufferWriter<byte> writer)
    {
        var buf = new Encbuf(writer);
        buf.PutByte((byte)RecordType.Tombstones);
        foreach (var t in tombstones)
        {
            buf.PutBE64(t.Ref);
            buf.PutVarint(t.MinTimeMs);
            buf.PutVarint(t.MaxTimeMs);
        }
    }

    /// <summary>Encodes an exemplars record: laid out as a samples record with each entry's labels appended.</summary>
    /// <param name="exemplars">The exemplars.</param>
    /// <param name="writer">The destination.</param>
    public static void Exemplars(ReadOnlySpan<RefExemplar> exemplars, IBufferWriter<byte> writer)
    {
        var buf = new Encbuf(writer);
        buf.PutByte((byte)RecordType.Exemplars);
        if (exemplars.IsEmpty)
        {
            return;
        }

        var first = exemplars[0];
        buf.PutBE64(first.Ref);
        buf.PutBE64(first.TimestampMs);
        foreach (var e in exemplars)
        {
            buf.PutVarint((long)(e.Ref - first.Ref));
            buf.PutVarint(e.TimestampMs - first.TimestampMs);
            buf.PutBEFloat64(e.Value);
            PutLabels(buf, e.Labels);
        }
    }

    /// <summary>Encodes an m-map markers record: per marker, <c>ref &lt;BE64&gt; │ head chunk ref &lt;BE64&gt;</c>.</summary>
    /// <param name="markers">The markers.</param>
    /// <param name="writer">The destination.</param>
    public static void MmapMarkers(ReadOnlySpan<RefMmapMarker> markers, IBufferWriter<byte> writer)
    {
        var buf = new Encbuf(writer);
        buf.PutByte((byte)RecordType.MmapMarkers);
        foreach (var m in markers)
        {
            buf.PutBE64(m.Ref);
            buf.PutBE64(m.MmapRef);
        }
    }

    /// <summary>
    /// Encodes a metadata record: per series, <c>ref &lt;uvarint&gt; │ type &lt;1&gt; │ field count &lt;uvarint&gt;</c> and
    /// the fields as (name, value) strings; upstream always writes two, <c>UNIT</c> then <c>HELP</c>.
    /// </summary>
    /// <param name="metadata">The metadata.</param>
    /// <param name="writer">The destination.</param>
    public static void Metadata(ReadOnlySpan<RefMetadata> metadata, IBufferWriter<byte> writer)
    {
        var buf = new Encbuf(writer);
        buf.PutByte((byte)RecordType.Metadata);
        foreach (var m in metadata)
        {
            buf.PutUvarint(m.Ref);
            buf.PutByte((byte)m.Type);
            buf.PutUvarint(2);
            buf.PutUvarintString(RecordDecoder.UnitField);
            buf.PutUvarintString(m.Unit);
            buf.PutUvarintString(RecordDecoder.HelpField);
            buf.PutUvarintString(m.Help);
        }
    }

    /// <summary>
    /// Encodes integer histogram samples as one record: type <see cref="RecordType.HistogramSamples"/> for exponential
    /// schemas, <see cref="RecordType.CustomBucketsHistogramSamples"/> when every histogram uses custom buckets.
    /// Deltas are taken to the first sample, as in a samples record.
    /// </summary>
    /// <param name="histograms">The samples; all exponential or all custom-bucket.</param>
    /// <param name="writer">The destination.</param>
    /// <exception cref="ArgumentException">The input mixes the two kinds; upstream splits them into two records.</exception>
    public static void HistogramSamples(ReadOnlySpan<RefHistogramSample> histograms, IBufferWriter<byte> writer)
    {
        var custom = 0;
        foreach (var h in histograms)
        {
            custom += HistogramSchema.IsCustomBuckets(h.Histogram.Schema) ? 1 : 0;
        }

        var type = KindOf(custom, histograms.Length, RecordType.HistogramSamples, RecordType.CustomBucketsHistogramSamples);
        var buf = new Encbuf(writer);
        buf.PutByte((byte)type);
        if (histograms.IsEmpty)
        {
            return;
        }

        var first = histograms[0];
        buf.PutBE64(first.Ref);
        buf.PutBE64(first.TimestampMs);
        foreach (var h in histograms)
        {
            buf.PutVarint((long)(h.Ref - first.Ref));
            buf.PutVarint(h.TimestampMs - first.TimestampMs);
            PutHistogram(buf, h.Histogram);
        }
    }

    /// <summary>
    /// Encodes float histogram samples as one record: <see cref="RecordType.FloatHistogramSamples"/>, or
    /// <see cref="RecordType.CustomBucketsFloatHistogramSamples"/> when every histogram uses custom buckets.
    /// </summary>
    /// <param name="histograms">The samples; all exponential or all custom-bucket.</param>
    /// <param name="writer">The destination.</param>
    /// <exception cref="ArgumentException">The input mixes the two kinds.</exception>
    public static void FloatHistogramSamples(ReadOnlySpan<RefFloatHistogramSample> histograms, IBufferWriter<byte> writer)
    {
        var custom = 0;
        foreach (var h in histograms)
        {
            custom += HistogramSchema.IsCustomBuckets(h.Histogram.Schema) ? 1 : 0;
        }

        var type = KindOf(custom, histograms.Length, RecordType.FloatHistogramSamples, RecordType.CustomBucketsFloatHistogramSamples);
        var buf = new Encbuf(writer);
        buf.PutByte((byte)type);
        if (histograms.IsEmpty)
        {
            return;
        }

        var first = histograms[0];
        buf.PutBE64(first.Ref);
        buf.PutBE64(first.TimestampMs);
        foreach (var h in histograms)
        {
            buf.PutVarint((long)(h.Ref - first.Ref));
            buf.PutVarint(h.TimestampMs - first.TimestampMs);
            PutFloatHistogram(buf, h.Histogram);
        }
    }

    private static RecordType KindOf(int custom, int total, RecordType exponential, RecordType customBuckets)
    {
        if (custom == 0)
        {
            return exponential;
        }

        if (custom == total)
        {
            return customBuckets;
        }

        throw new ArgumentException("Exponential and custom-bucket histograms go into separate records.");
    }

    private static void PutLabels(Encbuf buf, Labels labels)
    {
        buf.PutUvarint((ulong)labels.Count);
        foreach (var label in labels.Span)
        {
            buf.PutUvarintString(label.Name);
            buf.PutUvarintString(label.Value);
        }
    }

    private static void PutHistogram(Encbuf buf, Histogram h)
    {
        buf.PutByte((byte)h.CounterResetHint);
        buf.PutVarint(h.Schema);
        buf.PutBEFloat64(h.ZeroThreshold);
        buf.PutUvarint(h.ZeroCount);
        buf.PutUvarint(h.Count);
        buf.PutBEFloat64(h.Sum);
        PutSpans(buf, h.PositiveSpans);
        PutSpans(buf, h.NegativeSpans);
        buf.PutUvarint((ulong)h.PositiveBuckets.Length);
        foreach (var b in h.PositiveBuckets)
        {
            buf.PutVarint(b);
        }

        buf.PutUvarint((ulong)h.NegativeBuckets.Length);
        foreach (var b in h.NegativeBuckets)
        {
            buf.PutVarint(b);
        }

        PutCustomValues(buf, h.Schema, h.CustomValues);
    }

    private static void PutFloatHistogram(Encbuf buf, FloatHistogram h)
    {
        buf.PutByte((byte)h.CounterResetHint);
        buf.PutVarint(h.Schema);
        buf.PutBEFloat64(h.ZeroThreshold);
        buf.PutBEFloat64(h.ZeroCount);
        buf.PutBEFloat64(h.Count);
        buf.PutBEFloat64(h.Sum);
        PutSpans(buf, h.PositiveSpans);
        PutSpans(buf, h.NegativeSpans);
        buf.PutUvarint((ulong)h.PositiveBuckets.Length);
        foreach (var b in h.PositiveBuckets)
        {
            buf.PutBEFloat64(b);
        }

        buf.PutUvarint((ulong)h.NegativeBuckets.Length);
        foreach (var b in h.NegativeBuckets)
        {
            buf.PutBEFloat64(b);
        }

        PutCustomValues(buf, h.Schema, h.CustomValues);
    }

    private static void PutSpans(Encbuf buf, HistogramSpan[] spans)
    {
        buf.PutUvarint((ulong)spans.Length);
        foreach (var span in spans)
        {
            buf.PutVarint(span.Offset);
            buf.PutUvarint(span.Length);
        }
    }

    private static void PutCustomValues(Encbuf buf, int schema, double[] customValues)
    {
        if (!HistogramSchema.IsCustomBuckets(schema))
        {
            return;
        }

        buf.PutUvarint((ulong)customValues.Length);
        foreach (var v in customValues)
        {
            buf.PutBEFloat64(v);
        }
    }
}
