using System.Buffers;
using Pharos.Model;
using Pharos.Tsdb.Record;
using Xunit;

namespace Pharos.Tsdb.Tests.Record;

public class RecordTests
{
    [Fact]
    public void Samples_record_has_base_ref_and_time_then_varint_deltas_and_value_bits()
    {
        var buffer = new ArrayBufferWriter<byte>();
        RecordEncoder.Samples([new(10, 1000, 1.0), new(12, 1015, -2.5)], buffer);

        // 02 │ ref 10 BE64 │ t 1000 BE64 │ Δref 0, Δt 0, 1.0 │ Δref +2 (zig-zag 04), Δt +15 (1E), -2.5
        Assert.Equal(
            Convert.FromHexString("02" + "000000000000000A" + "00000000000003E8" + "0000" + "3FF0000000000000" + "041E" + "C004000000000000"),
            buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Series_record_has_big_endian_ref_and_length_prefixed_label_pairs()
    {
        var buffer = new ArrayBufferWriter<byte>();
        RecordEncoder.Series([new(1, Labels.FromStrings("__name__", "up", "job", "é"))], buffer);
        Assert.Equal(
            Convert.FromHexString("01" + "0000000000000001" + "02" + "085F5F6E616D655F5F" + "027570" + "036A6F62" + "02C3A9"),
            buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Metadata_record_writes_unit_then_help_fields()
    {
        var buffer = new ArrayBufferWriter<byte>();
        RecordEncoder.Metadata([new(300, MetricType.Counter, "seconds", "h")], buffer);
        Assert.Equal(
            Convert.FromHexString("06" + "AC02" + "01" + "02" + "04554E4954" + "077365636F6E6473" + "0448454C50" + "0168"),
            buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Series_round_trip()
    {
        RefSeries[] series =
        [
            new(1, Labels.FromStrings("__name__", "up", "instance", "localhost:9090", "job", "prometheus")),
            new(ulong.MaxValue, Labels.FromStrings("a", "ünïcödé")),
            new(7, Labels.Empty),
        ];
        var decoded = new List<RefSeries>();
        new RecordDecoder().Series(Encode(b => RecordEncoder.Series(series, b)), decoded);
        Assert.Equal(series, decoded);
    }

    public static TheoryData<long[]> SampleTimes => [[], [0], [5, 3, 1_700_000_000_000], [long.MaxValue / 2, -1000]];

    [Theory]
    [MemberData(nameof(SampleTimes))]
    public void Samples_round_trip_with_refs_and_times_going_down_as_well_as_up(long[] times)
    {
        var samples = times.Select((t, i) => new RefSample((ulong)(100 - (i * 37)), t, i * Math.PI)).ToArray();
        var decoded = new List<RefSample>();
        RecordDecoder.Samples(Encode(b => RecordEncoder.Samples(samples, b)), decoded);
        Assert.Equal(samples, decoded);
    }

    [Fact]
    public void Tombstones_exemplars_markers_and_metadata_round_trip()
    {
        RefTombstone[] tombstones = [new(1, 0, 100), new(1, 200, 300), new(9, long.MinValue, long.MaxValue)];
        var decodedTombstones = new List<RefTombstone>();
        RecordDecoder.Tombstones(Encode(b => RecordEncoder.Tombstones(tombstones, b)), decodedTombstones);
        Assert.Equal(tombstones, decodedTombstones);

        RefExemplar[] exemplars = [new(3, 1000, 0.5, Labels.FromStrings("trace_id", "abc")), new(2, 999, 1, Labels.Empty)];
        var decodedExemplars = new List<RefExemplar>();
        new RecordDecoder().Exemplars(Encode(b => RecordEncoder.Exemplars(exemplars, b)), decodedExemplars);
        Assert.Equal(exemplars, decodedExemplars);

        RefMmapMarker[] markers = [new(5, 0x0000000300000008)];
        var decodedMarkers = new List<RefMmapMarker>();
        RecordDecoder.MmapMarkers(Encode(b => RecordEncoder.MmapMarkers(markers, b)), decodedMarkers);
        Assert.Equal(markers, decodedMarkers);

        RefMetadata[] metadata = [new(1, MetricType.Histogram, "", "Latency of requests."), new(2, MetricType.StateSet, "bytes", "")];
        var decodedMetadata = new List<RefMetadata>();
        RecordDecoder.Metadata(Encode(b => RecordEncoder.Metadata(metadata, b)), decodedMetadata);
        Assert.Equal(metadata, decodedMetadata);
    }

    [Fact]
    public void Histogram_samples_round_trip_for_exponential_and_custom_buckets()
    {
        var exponential = new Histogram
        {
            Schema = 3,
            ZeroThreshold = 1e-128,
            ZeroCount = 2,
            Count = 12,
            Sum = 18.4,
            CounterResetHint = CounterResetHint.NotCounterReset,
            PositiveSpans = [new(-2, 2), new(1, 3)],
            NegativeSpans = [new(0, 1)],
            PositiveBuckets = [1, 1, -1, 2, 0],
            NegativeBuckets = [3],
        };
        var custom = new Histogram
        {
            Schema = -53,
            Count = 5,
            Sum = 9,
            PositiveSpans = [new(0, 2)],
            PositiveBuckets = [2, 1],
            CustomValues = [0.1, 1],
        };

        var decoded = new List<RefHistogramSample>();
        var record = Encode(b => RecordEncoder.HistogramSamples([new(1, 10, exponential), new(2, 20, exponential)], b));
        Assert.Equal(RecordType.HistogramSamples, RecordDecoder.GetType(record));
        RecordDecoder.HistogramSamples(record, decoded);
        record = Encode(b => RecordEncoder.HistogramSamples([new(3, 30, custom)], b));
        Assert.Equal(RecordType.CustomBucketsHistogramSamples, RecordDecoder.GetType(record));
        RecordDecoder.HistogramSamples(record, decoded);
        Assert.Equal([exponential, exponential, custom], decoded.Select(d => d.Histogram));
        Assert.Equal([(1UL, 10L), (2UL, 20L), (3UL, 30L)], decoded.Select(d => (d.Ref, d.TimestampMs)));

        var floats = new List<RefFloatHistogramSample>();
        RecordDecoder.FloatHistogramSamples(Encode(b => RecordEncoder.FloatHistogramSamples([new(4, 40, exponential.ToFloat())], b)), floats);
        RecordDecoder.FloatHistogramSamples(Encode(b => RecordEncoder.FloatHistogramSamples([new(5, 50, custom.ToFloat())], b)), floats);
        Assert.Equal([exponential.ToFloat(), custom.ToFloat()], floats.Select(d => d.Histogram));

        Assert.Throws<ArgumentException>(() => Encode(b => RecordEncoder.HistogramSamples([new(1, 1, exponential), new(1, 2, custom)], b)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("020000000000000001")]
    [InlineData("02000000000000000100000000000000010000")]
    [InlineData("01" + "0000000000000001" + "05")]
    [InlineData("03" + "0000000000000001" + "80")]
    public void Truncated_records_are_rejected_with_invalid_data(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        Assert.ThrowsAny<InvalidDataException>(() =>
        {
            var decoder = new RecordDecoder();
            switch (RecordDecoder.GetType(bytes))
            {
                case RecordType.Series:
                    decoder.Series(bytes, []);
                    break;
                case RecordType.Tombstones:
                    RecordDecoder.Tombstones(bytes, []);
                    break;
                default:
                    RecordDecoder.Samples(bytes, []);
                    break;
            }
        });
    }

    [Theory]
    [InlineData(new byte[] { }, RecordType.Unknown)]
    [InlineData(new byte[] { 0 }, RecordType.Unknown)]
    [InlineData(new byte[] { 11 }, RecordType.Unknown)]
    [InlineData(new byte[] { 2 }, RecordType.Samples)]
    [InlineData(new byte[] { 10, 1 }, RecordType.CustomBucketsFloatHistogramSamples)]
    public void Record_type_is_read_from_the_first_byte(byte[] record, RecordType expected) =>
        Assert.Equal(expected, RecordDecoder.GetType(record));

    private static byte[] Encode(Action<ArrayBufferWriter<byte>> encode)
    {
        var buffer = new ArrayBufferWriter<byte>();
        encode(buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
