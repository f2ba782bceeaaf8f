using Pharos.Model;
using Pharos.Tsdb.Binary;

namespace Pharos.Tsdb.Record;

/// <summary>
/// Decodes WAL records written by Prometheus or <see cref="RecordEncoder"/> (Prometheus <c>record.Decoder</c>).
/// Each method appends the entries of one record to the caller's list, so lists can be reused across records.
/// Malformed records throw <see cref="InvalidDataException"/>; the WAL replay treats that as corruption. Not
/// thread-safe (it caches label strings).
/// </summary>
public sealed class RecordDecoder
{
    /// <summary>The metadata field name of the unit.</summary>
    public const string UnitField = "UNIT";

    /// <summary>The metadata field name of the help text.</summary>
    public const string HelpField = "HELP";

    private readonly List<Label> _labels = [];

    /// <summary>The type of a record from its first byte.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The type, or <see cref="RecordType.Unknown"/> for an empty record or an unknown byte.</returns>
    public static RecordType GetType(ReadOnlySpan<byte> record)
    {
        if (record.IsEmpty)
        {
            return RecordType.Unknown;
        }

        var type = (RecordType)record[0];
        return type is >= RecordType.Series and <= RecordType.CustomBucketsFloatHistogramSamples ? type : RecordType.Unknown;
    }

    /// <summary>Decodes a series record.</summary>
    /// <param name="record">The record.</param>
    /// <param name="into">Receives the series.</param>
    public void Series(ReadOnlySpan<byte> record, List<RefSeries> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var dec = Open(record, RecordType.Series);
        while (dec.Remaining > 0)
        {
            var reference = dec.BE64();
            into.Add(new RefSeries(reference, ReadLabels(ref dec)));
        }
    }

    /// <summary>Decodes a samples record. Allocation-free apart from the list's growth.</summary>
    /// <param name="record">The record.</param>
    /// <param name="into">Receives the samples.</param>
    public static void Samples(ReadOnlySpan<byte> record, List<RefSample> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var dec = Open(record, RecordType.Samples);
        if (dec.Remaining == 0)
        {
            return;
        }

        var baseRef = dec.BE64();
        var baseTime = (long)dec.BE64();
        while (dec.Remaining > 0)
        {
            var dref = dec.Varint64();
            var dtime = dec.Varint64();
            var value = dec.BEFloat64();
            into.Add(new RefSample((ulong)((long)baseRef + dref), baseTime + dtime, value));
        }
    }

    /// <summary>Decodes a tombstones record.</summary>
    /// <param name="record">The record.</param>
    /// <param name="into">Receives one entry per deleted interval.</param>
    public static void Tombstones(ReadOnlySpan<byte> record, List<RefTombstone> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var dec = Open(record, RecordType.Tombstones);
        while (dec.Remaining > 0)
        {
            var reference = dec.BE64();
            var min = dec.Varint64();
            var max = dec.Varint64();
            into.Add(new RefTombstone(reference, min, max));
        }
    }

    /// <summary>Decodes an exemplars record.</summary>
    /// <param name="record">The record.</param>
    /// <param name="into">Receives the exemplars.</param>
    public void Exemplars(ReadOnlySpan<byte> record, List<RefExemplar> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var dec = Open(record, RecordType.Exemplars);
        if (dec.Remaining == 0)
        {
            return;
        }

        var baseRef = dec.BE64();
        var baseTime = (long)dec.BE64();
        while (dec.Remaining > 0)
        {
            var dref = dec.Varint64();
            var dtime = dec.Varint64();
            var value = dec.BEFloat64();
            into.Add(new RefExemplar((ulong)((long)baseRef + dref), baseTime + dtime, value, ReadLabels(ref dec)));
        }
    }

    /// <summary>Decodes an m-map markers record.</summary>
    /// <param name="record">The record.</param>
    /// <param name="into">Receives the markers.</param>
    public static void MmapMarkers(ReadOnlySpan<byte> record, List<RefMmapMarker> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var dec = Open(record, RecordType.MmapMarkers);
        while (dec.Remaining > 0)
        {
            var reference = dec.BE64();
            var mmapRef = dec.BE64();
            into.Add(new RefMmapMarker(reference, mmapRef));
        }
    }

    /// <summary>Decodes a metadata record; fields other than <c>UNIT</c> and <c>HELP</c> are skipped, as upstream.</summary>
    /// <param name="record">The record.</param>
    /// <param name="into">Receives the metadata.</param>
    public static void Metadata(ReadOnlySpan<byte> record, List<RefMetadata> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var dec = Open(record, RecordType.Metadata);
        while (dec.Remaining > 0)
        {
            var reference = dec.Uvarint();
            var type = dec.Byte();
            var fields = dec.UvarintInt();
            string unit = string.Empty, help = string.Empty;
            for (var i = 0; i < fields; i++)
            {
                var name = dec.UvarintBytes();
                var value = dec.UvarintString();
                if (name.SequenceEqual("UNIT"u8))
                {
                    unit = value;
                }
                else if (name.SequenceEqual("HELP"u8))
                {
                    help = value;
                }
            }

            into.Add(new RefMetadata(reference, type <= (byte)MetricType.StateSet ? (MetricType)type : MetricType.Unknown, unit, help));
        }
    }

    /// <summary>Decodes an integer histogram samples record (exponential or custom-bucket).</summary>
    /// <param name="record">The record.</param>
    /// <param name="into">Receives the samples.</param>
    public static void HistogramSamples(ReadOnlySpan<byte> record, List<RefHistogramSample> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var dec = Open(record, RecordType.HistogramSamples, RecordType.CustomBucketsHistogramSamples);
        if (dec.Remaining == 0)
        {
            return;
        }

        var baseRef = dec.BE64();
        var baseTime = (long)dec.BE64();
        while (dec.Remaining > 0)
        {
            var dref = dec.Varint64();
            var dtime = dec.Varint64();
            into.Add(new RefHistogramSample((ulong)((long)baseRef + dref), baseTime + dtime, ReadHistogram(ref dec)));
        }
    }

    /// <summary>Decodes a float histogram samples record (exponential or custom-bucket).</summary>
    /// <param name="record">The record.</param>
    /// <param name="into">Receives the samples.</param>
    public static void FloatHistogramSamples(ReadOnlySpan<byte> record, List<RefFloatHistogramSample> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var dec = Open(record, RecordType.FloatHistogramSamples, RecordType.CustomBucketsFloatHistogramSamples);
        if (dec.Remaining == 0)
        {
            return;
        }

        var baseRef = dec.BE64();
        var baseTime = (long)dec.BE64();
        while (dec.Remaining > 0)
        {
            var dref = dec.Varint64();
            var dtime = dec.Varint64();
            into.Add(new RefFloatHistogramSample((ulong)((long)baseRef + dref), baseTime + dtime, ReadFloatHistogram(ref dec)));
        }
    }

    private static Decbuf Open(ReadOnlySpan<byte> record, RecordType expected, RecordType alternative = RecordType.Unknown)
    {
        var type = GetType(record);
        if (type != expected && (alternative == RecordType.Unknown || type != alternative))
        {
            var actual = record.IsEmpty ? "an empty record" : $"type {record[0]}";
            throw new InvalidDataException($"expected a {expected} record, got {actual}");
        }

        var dec = new Decbuf(record);
        dec.Byte();
        return dec;
    }

    private Labels ReadLabels(ref Decbuf dec)
    {
        var count = dec.UvarintInt();
        _labels.Clear();
        for (var i = 0; i < count; i++)
        {
            var name = dec.UvarintString();
            var value = dec.UvarintString();
            _labels.Add(new Label(name, value));
        }

        return Labels.FromLabels(_labels);
    }

    private static Histogram ReadHistogram(ref Decbuf dec)
    {
        var h = new Histogram
        {
            CounterResetHint = (CounterResetHint)dec.Byte(),
            Schema = checked((int)dec.Varint64()),
            ZeroThreshold = dec.BEFloat64(),
            ZeroCount = dec.Uvarint(),
            Count = dec.Uvarint(),
            Sum = dec.BEFloat64(),
        };
        h.PositiveSpans = ReadSpans(ref dec);
        h.NegativeSpans = ReadSpans(ref dec);
        h.PositiveBuckets = ReadDeltas(ref dec);
        h.NegativeBuckets = ReadDeltas(ref dec);
        h.CustomValues = ReadCustomValues(ref dec, h.Schema);
        return h;
    }

    private static FloatHistogram ReadFloatHistogram(ref Decbuf dec)
    {
        var h = new FloatHistogram
        {
            CounterResetHint = (CounterResetHint)dec.Byte(),
            Schema = checked((int)dec.Varint64()),
            ZeroThreshold = dec.BEFloat64(),
            ZeroCount = dec.BEFloat64(),
            Count = dec.BEFloat64(),
            Sum = dec.BEFloat64(),
        };
        h.PositiveSpans = ReadSpans(ref dec);
        h.NegativeSpans = ReadSpans(ref dec);
        h.PositiveBuckets = ReadFloats(ref dec);
        h.NegativeBuckets = ReadFloats(ref dec);
        h.CustomValues = ReadCustomValues(ref dec, h.Schema);
        return h;
    }

    private static HistogramSpan[] ReadSpans(ref Decbuf dec)
    {
        var count = CheckedCount(ref dec, minBytesEach: 2);
        var spans = count == 0 ? [] : new HistogramSpan[count];
        for (var i = 0; i < spans.Length; i++)
        {
            var offset = checked((int)dec.Varint64());
            var length = checked((uint)dec.Uvarint());
            spans[i] = new HistogramSpan(offset, length);
        }

        return spans;
    }

    private static long[] ReadDeltas(ref Decbuf dec)
    {
        var count = CheckedCount(ref dec, minBytesEach: 1);
        var values = count == 0 ? [] : new long[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = dec.Varint64();
        }

        return values;
    }

    private static double[] ReadFloats(ref Decbuf dec)
    {
        var count = CheckedCount(ref dec, minBytesEach: 8);
        var values = count == 0 ? [] : new double[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = dec.BEFloat64();
        }

        return values;
    }

    private static double[] ReadCustomValues(ref Decbuf dec, int schema) =>
        HistogramSchema.IsCustomBuckets(schema) ? ReadFloats(ref dec) : [];

    private static int CheckedCount(ref Decbuf dec, int minBytesEach)
    {
        // A corrupt count must not make us allocate gigabytes before the read fails.
        var count = dec.UvarintInt();
        if ((long)count * minBytesEach > dec.Remaining)
        {
            throw new InvalidDataException($"record claims {count} entries but only {dec.Remaining} bytes remain at byte {dec.Position}");
        }

        return count;
    }
}
