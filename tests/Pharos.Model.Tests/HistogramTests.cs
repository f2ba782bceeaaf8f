using Xunit;

namespace Pharos.Model.Tests;

public class HistogramTests
{
    [Theory]
    // Schema 0: boundaries are powers of two.
    [InlineData(0, 0, 1.0)]
    [InlineData(1, 0, 2.0)]
    [InlineData(-1, 0, 0.5)]
    [InlineData(10, 0, 1024.0)]
    // Schema 3: 2^(i/8); values as Prometheus's boundary table has them.
    [InlineData(1, 3, 1.0905077326652577)]
    [InlineData(7, 3, 1.8340080864093422)]
    [InlineData(-1, 3, 0.9170040432046711)]
    // Schema 8.
    [InlineData(1, 8, 1.0027112750502025)]
    // Negative schemas: 2^(i·2^-s).
    [InlineData(1, -1, 4.0)]
    [InlineData(1, -4, 65536.0)]
    [InlineData(-1, -2, 0.0625)]
    // The last finite bucket ends at MaxValue so that ±Inf get their own bucket.
    [InlineData(1024, 0, double.MaxValue)]
    [InlineData(1025, 0, double.PositiveInfinity)]
    [InlineData(256, -2, double.MaxValue)]
    [InlineData(262144, 8, double.MaxValue)]
    public void Exponential_bucket_upper_bound_is_two_to_the_index_times_two_to_minus_schema(int index, int schema, double expected)
    {
        Assert.Equal(expected, HistogramSchema.UpperBound(index, schema));
    }

    [Fact]
    public void Finer_schemas_include_every_boundary_of_coarser_ones()
    {
        for (var schema = 0; schema < 8; schema++)
        {
            for (var i = -20; i < 20; i++)
            {
                Assert.Equal(HistogramSchema.UpperBound(i, schema), HistogramSchema.UpperBound(i * 2, schema + 1));
            }
        }
    }

    [Fact]
    public void Custom_bucket_bounds_come_from_the_custom_values()
    {
        double[] custom = [0.1, 0.5, 1];
        Assert.Equal(double.NegativeInfinity, HistogramSchema.UpperBound(-1, HistogramSchema.CustomBuckets, custom));
        Assert.Equal(0.5, HistogramSchema.UpperBound(1, HistogramSchema.CustomBuckets, custom));
        Assert.Equal(double.PositiveInfinity, HistogramSchema.UpperBound(3, HistogramSchema.CustomBuckets, custom));
        Assert.Throws<ArgumentOutOfRangeException>(() => HistogramSchema.UpperBound(4, HistogramSchema.CustomBuckets, custom));
    }

    private static Histogram Sample() => new()
    {
        Schema = 0,
        ZeroThreshold = 0.001,
        ZeroCount = 2,
        Count = 11,
        Sum = 18.4,
        PositiveSpans = [new(0, 2), new(1, 2)],
        PositiveBuckets = [1, 1, -1, 0],
        NegativeSpans = [new(0, 2)],
        NegativeBuckets = [1, 2],
    };

    [Fact]
    public void Integer_histogram_converts_delta_buckets_to_absolute_counts()
    {
        var f = Sample().ToFloat();
        Assert.Equal([1.0, 2.0, 1.0, 1.0], f.PositiveBuckets);
        Assert.Equal([1.0, 3.0], f.NegativeBuckets);
        Assert.Equal(11.0, f.Count);
        Assert.Equal(2.0, f.ZeroCount);
        Assert.True(f.TryValidate(out var error), error);
    }

    [Fact]
    public void Valid_histogram_passes_validation()
    {
        Assert.True(Sample().TryValidate(out var error), error);
        Sample().Validate();
    }

    public static TheoryData<string, Action<Histogram>> Corruptions => new()
    {
        { "histogram spans specify different number of buckets than provided", h => h.PositiveBuckets = [1, 1, -1] },
        { "histogram has a span whose offset is negative", h => h.PositiveSpans = [new(0, 2), new(-1, 2)] },
        { "histogram has a bucket whose observation count is negative", h => h.PositiveBuckets = [1, -2, 1, 0] },
        { "histogram's observation count should equal the number of observations found in the buckets", h => h.Count = 10 },
        { "histogram has an invalid schema", h => h.Schema = 9 },
        { "histogram with exponential schema must not have custom bounds", h => h.CustomValues = [1] },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Malformed_histogram_fails_validation(string expected, Action<Histogram> corrupt)
    {
        var h = Sample();
        corrupt(h);
        Assert.False(h.TryValidate(out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(h.Validate);
    }

    [Fact]
    public void NaN_sum_allows_more_observations_than_buckets_hold()
    {
        var h = Sample();
        h.Sum = double.NaN;
        h.Count = 12;
        Assert.True(h.TryValidate(out _));
        h.Count = 10;
        Assert.False(h.TryValidate(out var error));
        Assert.Contains("should be at least", error, StringComparison.Ordinal);
    }

    private static FloatHistogram Custom() => new()
    {
        Schema = HistogramSchema.CustomBuckets,
        Count = 6,
        Sum = 3,
        PositiveSpans = [new(0, 2), new(1, 1)],
        PositiveBuckets = [1, 2, 3],
        CustomValues = [0.1, 0.5, 1],
    };

    public static TheoryData<string, Action<FloatHistogram>> FloatCorruptions => new()
    {
        { "histogram custom bounds must be in strictly increasing order", h => h.CustomValues = [0.1, 0.1, 1] },
        { "histogram custom bounds must not be NaN", h => h.CustomValues = [0.1, double.NaN, 1] },
        { "histogram custom bounds must be finite", h => h.CustomValues = [0.1, 0.5, double.PositiveInfinity] },
        { "histogram custom bounds are too few", h => h.CustomValues = [0.1] },
        { "custom buckets: must have zero count of 0", h => h.ZeroCount = 1 },
        { "custom buckets: must have zero threshold of 0", h => h.ZeroThreshold = 0.1 },
        { "custom buckets: must not have negative spans", h => h.NegativeSpans = [new(0, 0)] },
        { "histogram has a bucket whose observation count is negative", h => h.PositiveBuckets = [1, -2, 3] },
        { "histogram's observation count is negative", h => h.Count = -1 },
    };

    [Theory]
    [MemberData(nameof(FloatCorruptions))]
    public void Malformed_custom_bucket_histogram_fails_validation(string expected, Action<FloatHistogram> corrupt)
    {
        Assert.True(Custom().TryValidate(out var ok), ok);
        var h = Custom();
        corrupt(h);
        Assert.False(h.TryValidate(out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Buckets_iterate_with_their_boundaries()
    {
        var f = Sample().ToFloat();
        Assert.Equal(
            ["(0.5,1]:1", "(1,2]:2", "(4,8]:1", "(8,16]:1"],
            f.EnumeratePositiveBuckets().Select(b => b.ToString()));
        Assert.Equal(
            ["[-2,-1):3", "[-1,-0.5):1", "[-0.001,0.001]:2", "(0.5,1]:1", "(1,2]:2", "(4,8]:1", "(8,16]:1"],
            f.EnumerateAllBuckets().Select(b => b.ToString()));
    }

    [Theory]
    [InlineData(1e6, "1e+06")]
    [InlineData(100000, "100000")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(123456789, "1.23456789e+08")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(123.45, "123.45")]
    [InlineData(1.5e21, "1.5e+21")]
    [InlineData(1e-300, "1e-300")]
    [InlineData(0.5, "0.5")]
    public void Bucket_bounds_print_like_Go(double bound, string expected)
    {
        Assert.Equal($"({expected},{expected}]:0", new HistogramBucket(bound, bound, false, true, 0, 0).ToString());
    }

    [Fact]
    public void Custom_buckets_iterate_from_minus_infinity()
    {
        Assert.Equal(
            ["[-Inf,0.1]:1", "(0.1,0.5]:2", "(1,+Inf]:3"],
            Custom().EnumerateAllBuckets().Select(b => b.ToString()));
    }

    [Fact]
    public void Copy_is_deep_and_equal()
    {
        var f = Sample().ToFloat();
        var copy = f.Copy();
        Assert.Equal(f, copy);
        copy.PositiveBuckets[0] = 99;
        Assert.NotEqual(f, copy);
        Assert.Equal(1.0, f.PositiveBuckets[0]);

        var h = Sample();
        var hc = h.Copy();
        Assert.Equal(h, hc);
        hc.NegativeBuckets[0] = 5;
        Assert.NotEqual(h, hc);
    }

    [Fact]
    public void Equality_ignores_empty_spans_and_treats_NaN_as_equal()
    {
        var a = Sample().ToFloat();
        var b = a.Copy();
        b.PositiveSpans = [new(0, 2), new(1, 0), new(0, 2)];
        Assert.Equal(a, b);
        a.Sum = b.Sum = double.NaN;
        Assert.Equal(a, b);
        b.ZeroThreshold = 0.002;
        Assert.NotEqual(a, b);
    }
}
