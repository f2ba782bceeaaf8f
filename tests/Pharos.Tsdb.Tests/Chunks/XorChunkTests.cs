using Pharos.Tsdb.Chunks;
using Xunit;

namespace Pharos.Tsdb.Tests.Chunks;

public class XorChunkTests
{
    [Fact]
    public void Three_samples_encode_to_the_hand_computed_bytes()
    {
        // 00 03                     sample count 3
        // D0 0F                     t0 = 1000 as a zig-zag varint (2000 = 0b1111_1010000)
        // 3F F0 00 00 00 00 00 00   v0 = 1.0, raw IEEE-754 bits
        // E8 07                     Δt1 = 1000 as a uvarint
        // C2 5F FF                  v1 = 2.0: xor 0x7FF0000000000000, leading 1, trailing 52, 11 significant bits:
        //                           11 00001 001011 11111111111 (control "new window", leading, length, bits)
        // 6C 06                     ΔΔt2 = 0: bit 0; v2 = 3.0: xor 0x0008000000000000, leading 12, trailing 51 does
        //                           not fit the window (51 < 52): 11 01100 000001 1, then zero padding
        //                           0 11 01100 000001 1 → 0110_1100 0000_011(0)
        var chunk = new XorChunk();
        var appender = chunk.CreateAppender();
        appender.Append(1000, 1.0);
        appender.Append(2000, 2.0);
        appender.Append(3000, 3.0);
        Assert.Equal(
            Convert.FromHexString("0003D00F3FF0000000000000E807C25FFF6C06"),
            chunk.Bytes.ToArray());
    }

    [Fact]
    public void Chunk_ending_with_a_whole_byte_write_keeps_upstreams_trailing_zero_byte()
    {
        // Upstream's byte writes always open the next byte, so after the first sample's 64 raw value bits the stream
        // ends in an empty byte: 00 01 │ 02 (t0 = 1) │ 40 00 00 00 00 00 00 00 (2.0) │ 00.
        var chunk = new XorChunk();
        chunk.CreateAppender().Append(1, 2.0);
        Assert.Equal(Convert.FromHexString("0001024000000000000000" + "00"), chunk.Bytes.ToArray());

        // The next sample's first bit goes into that byte rather than a new one.
        var appender = chunk.CreateAppender();
        appender.Append(2, 2.0);
        Assert.Equal(Convert.FromHexString("0002024000000000000000" + "01" + "00"), chunk.Bytes.ToArray());
    }

    [Fact]
    public void Repeated_value_and_regular_interval_cost_two_bits_per_sample()
    {
        // 0 for ΔΔt = 0 and 0 for an unchanged value.
        var chunk = new XorChunk();
        var appender = chunk.CreateAppender();
        for (var i = 0; i < 10; i++)
        {
            appender.Append(15_000L * i, 42);
        }

        // Count (16 bits), t0 = 0 (one varint byte) and v0 (64 bits), Δt1 = 15000 (two uvarint bytes) and an
        // unchanged value (1 bit), then eight samples of 2 bits: 121 bits, 16 bytes.
        var expectedBits = 16 + 8 + 64 + 16 + 1 + (8 * 2);
        Assert.Equal((expectedBits + 7) / 8, chunk.Bytes.Length);
    }

    public static TheoryData<long> DeltaOfDeltaBoundaries =>
    [
        0, 1, -1, 8191, 8192, -8191, -8192, 65535, 65536, -65535, -65536, 524287, 524288, -524287, -524288,
        524289, -524289, 1L << 40, -(1L << 40),
    ];

    [Theory]
    [MemberData(nameof(DeltaOfDeltaBoundaries))]
    public void Delta_of_delta_at_bucket_boundaries_round_trips(long deltaOfDelta)
    {
        var timestamps = new[] { 1_000_000_000L, 1_000_030_000L, 1_000_060_000L + deltaOfDelta + 30_000_000L, 0 };
        timestamps[2] = timestamps[1] + 30_000 + deltaOfDelta;
        timestamps[3] = timestamps[2] + 30_000 + deltaOfDelta - deltaOfDelta;
        var samples = timestamps.Select((t, i) => (t, (double)i)).ToArray();
        AssertRoundTrip(samples);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(120)]
    [InlineData(1000)]
    public void Random_walk_round_trips(int count)
    {
        var random = new Random(count);
        var samples = new (long, double)[count];
        var t = 1_700_000_000_000L;
        var v = 100.0;
        for (var i = 0; i < count; i++)
        {
            t += random.Next(4) == 0 ? random.Next(1, 100_000) : 15_000;
            v = random.Next(5) switch
            {
                0 => v,
                1 => Math.Round(v + random.Next(-10, 10)),
                2 => v * random.NextDouble(),
                3 => random.Next(3) == 0 ? double.NaN : -v,
                _ => BitConverter.Int64BitsToDouble(random.NextInt64()),
            };
            samples[i] = (t, v);
        }

        AssertRoundTrip(samples);
    }

    [Fact]
    public void Special_values_round_trip_bit_exactly()
    {
        // Prometheus's stale marker is a signalling NaN pattern; it must survive unchanged.
        var staleNaN = BitConverter.UInt64BitsToDouble(0x7ff0000000000002);
        AssertRoundTrip([(1, staleNaN), (2, double.PositiveInfinity), (3, -0.0), (4, 0.0), (5, double.NaN), (6, double.Epsilon), (7, staleNaN)]);
    }

    [Fact]
    public void Seek_finds_the_first_sample_at_or_after_the_time_and_never_goes_back()
    {
        var chunk = Build([(10, 1), (20, 2), (30, 3), (40, 4)]);
        var iterator = chunk.CreateIterator();
        Assert.Equal(ChunkValueType.Float, iterator.Seek(15));
        Assert.Equal((20L, 2.0), iterator.At());
        Assert.Equal(ChunkValueType.Float, iterator.Seek(5));
        Assert.Equal((20L, 2.0), iterator.At());
        Assert.Equal(ChunkValueType.Float, iterator.Seek(40));
        Assert.Equal((40L, 4.0), iterator.At());
        Assert.Equal(ChunkValueType.None, iterator.Seek(41));
        Assert.Equal(ChunkValueType.None, iterator.Next());
    }

    [Fact]
    public void Seek_before_next_starts_at_the_first_sample()
    {
        var iterator = Build([(10, 1), (20, 2)]).CreateIterator();
        Assert.Equal(ChunkValueType.Float, iterator.Seek(long.MinValue));
        Assert.Equal(10, iterator.AtTimestamp());
    }

    [Fact]
    public void Appending_to_a_chunk_read_from_bytes_continues_the_same_encoding()
    {
        var samples = Enumerable.Range(0, 50).Select(i => (1000L * i + (i % 7), Math.Sin(i))).ToArray();
        var whole = Build(samples);
        for (var split = 0; split <= samples.Length; split += 7)
        {
            var first = Build(samples[..split]);
            var reopened = XorChunk.FromBytes(first.Bytes.Span);
            var appender = reopened.CreateAppender();
            foreach (var (t, v) in samples[split..])
            {
                appender.Append(t, v);
            }

            AssertSamples(samples, reopened);
            if (split != 1)
            {
                // Re-opened after exactly one sample, upstream's appender starts with a zero window rather than none,
                // so only that split may encode differently (and still decodes the same).
                Assert.Equal(whole.Bytes.ToArray(), reopened.Bytes.ToArray());
            }
        }
    }

    [Fact]
    public void Truncated_chunk_reports_an_error_instead_of_garbage()
    {
        var chunk = Build(Enumerable.Range(0, 20).Select(i => ((long)i * 1000, (double)i * i)).ToArray());
        var truncated = chunk.Bytes[..^3];
        var iterator = new XorIterator(truncated);
        var count = 0;
        while (iterator.Next() != ChunkValueType.None)
        {
            count++;
        }

        Assert.True(count < 20);
        Assert.NotNull(iterator.Error);
    }

    [Fact]
    public void Iterator_is_reusable_across_chunks()
    {
        var a = Build([(1, 1), (2, 2)]);
        var b = Build([(5, 5)]);
        var iterator = a.CreateIterator();
        while (iterator.Next() != ChunkValueType.None)
        {
        }

        Assert.Same(iterator, b.CreateIterator(iterator));
        Assert.Equal(ChunkValueType.Float, iterator.Next());
        Assert.Equal((5L, 5.0), iterator.At());
    }

    internal static XorChunk Build(ReadOnlySpan<(long T, double V)> samples)
    {
        var chunk = new XorChunk();
        var appender = chunk.CreateAppender();
        foreach (var (t, v) in samples)
        {
            appender.Append(t, v);
        }

        return chunk;
    }

    private static void AssertRoundTrip((long T, double V)[] samples) => AssertSamples(samples, Build(samples));

    private static void AssertSamples((long T, double V)[] samples, IChunk chunk)
    {
        Assert.Equal(samples.Length, chunk.NumSamples);
        var iterator = chunk.CreateIterator();
        foreach (var (t, v) in samples)
        {
            Assert.Equal(ChunkValueType.Float, iterator.Next());
            var (at, av) = iterator.At();
            Assert.Equal(t, at);
            Assert.Equal(BitConverter.DoubleToUInt64Bits(v), BitConverter.DoubleToUInt64Bits(av));
        }

        Assert.Equal(ChunkValueType.None, iterator.Next());
        Assert.Null(iterator.Error);
    }
}
