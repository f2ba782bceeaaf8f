using System.Diagnostics.CodeAnalysis;

namespace Pharos.Model;

/// <summary>
/// A native (sparse, exponential-bucket) histogram with float counts, as PromQL computes with it. Bucket counts are
/// absolute (not delta-encoded). Schema -53 means custom bucket boundaries in <see cref="CustomValues"/>.
/// Mutable and not thread-safe; share a <see cref="Copy"/> rather than the instance. Equality is exact (bitwise
/// on floats) and ignores empty spans, as Prometheus's <c>Equals</c>.
/// </summary>
public sealed class FloatHistogram : IEquatable<FloatHistogram>
{
    /// <summary>The schema: -4..8 for exponential buckets (growth factor 2^(2^-schema)), -53 for custom buckets.</summary>
    public int Schema { get; set; }

    /// <summary>Observations with an absolute value at or below this go to the zero bucket.</summary>
    public double ZeroThreshold { get; set; }

    /// <summary>Count of the zero bucket.</summary>
    public double ZeroCount { get; set; }

    /// <summary>Total number of observations.</summary>
    public double Count { get; set; }

    /// <summary>Sum of observations.</summary>
    public double Sum { get; set; }

    /// <summary>What is known about a counter reset before this sample.</summary>
    public CounterResetHint CounterResetHint { get; set; }

    /// <summary>Spans of populated positive buckets.</summary>
    public HistogramSpan[] PositiveSpans { get; set; } = [];

    /// <summary>Spans of populated negative buckets.</summary>
    public HistogramSpan[] NegativeSpans { get; set; } = [];

    /// <summary>Absolute counts of the positive buckets, one per bucket covered by <see cref="PositiveSpans"/>.</summary>
    public double[] PositiveBuckets { get; set; } = [];

    /// <summary>Absolute counts of the negative buckets, one per bucket covered by <see cref="NegativeSpans"/>.</summary>
    public double[] NegativeBuckets { get; set; } = [];

    /// <summary>Upper bounds of the custom buckets when <see cref="Schema"/> is -53; otherwise empty.</summary>
    public double[] CustomValues { get; set; } = [];

    /// <summary>A deep copy, except <see cref="CustomValues"/>, which is immutable by convention and shared as upstream does.</summary>
    /// <returns>The copy.</returns>
    public FloatHistogram Copy() => new()
    {
        Schema = Schema,
        ZeroThreshold = ZeroThreshold,
        ZeroCount = ZeroCount,
        Count = Count,
        Sum = Sum,
        CounterResetHint = CounterResetHint,
        PositiveSpans = [.. PositiveSpans],
        NegativeSpans = [.. NegativeSpans],
        PositiveBuckets = [.. PositiveBuckets],
        NegativeBuckets = [.. NegativeBuckets],
        CustomValues = CustomValues,
    };

    /// <summary>
    /// Checks the structure: a valid schema, spans covering exactly the buckets, no negative offsets after the first
    /// span, no negative counts; for custom buckets strictly increasing finite bounds, enough of them, and no zero
    /// bucket or negative side. The total count is not compared with the buckets: float rounding would give false
    /// alarms.
    /// </summary>
    /// <param name="error">The first problem, worded as Prometheus words it, or null.</param>
    /// <returns>True when valid.</returns>
    public bool TryValidate([NotNullWhen(false)] out string? error)
    {
        error = ValidateCore();
        return error is null;
    }

    /// <summary>Throws when <see cref="TryValidate"/> fails.</summary>
    /// <exception cref="InvalidOperationException">The histogram is malformed.</exception>
    public void Validate()
    {
        if (ValidateCore() is { } error)
        {
            throw new InvalidOperationException(error);
        }
    }

    private string? ValidateCore()
    {
        if (HistogramSchema.IsCustomBuckets(Schema))
        {
            if (HistogramChecks.CustomBuckets(
                    CustomValues, PositiveSpans, PositiveBuckets.Length, ZeroCount != 0, ZeroThreshold, NegativeSpans.Length, NegativeBuckets.Length) is { } e)
            {
                return e;
            }
        }
        else if (HistogramSchema.IsExponential(Schema))
        {
            if (HistogramChecks.Spans(PositiveSpans, PositiveBuckets.Length, "positive") is { } p)
            {
                return p;
            }

            if (HistogramChecks.Spans(NegativeSpans, NegativeBuckets.Length, "negative") is { } n)
            {
                return n;
            }

            if (CheckBuckets(NegativeBuckets, "negative") is { } nb)
            {
                return nb;
            }

            if (CustomValues.Length > 0)
            {
                return "histogram with exponential schema must not have custom bounds";
            }
        }
        else
        {
            return HistogramChecks.InvalidSchema(Schema);
        }

        if (CheckBuckets(PositiveBuckets, "positive") is { } pb)
        {
            return pb;
        }

        return Count < 0 ? "histogram's observation count is negative" : null;
    }

    private static string? CheckBuckets(ReadOnlySpan<double> buckets, string side)
    {
        for (var i = 0; i < buckets.Length; i++)
        {
            if (buckets[i] < 0)
            {
                return HistogramChecks.Format(
                    $"{side} side: bucket number {i + 1} has observation count of {buckets[i]}: histogram has a bucket whose observation count is negative");
            }
        }

        return null;
    }

    /// <summary>The zero bucket, closed on both sides: [-threshold, threshold].</summary>
    /// <returns>The bucket.</returns>
    public HistogramBucket ZeroBucket() => new(-ZeroThreshold, ZeroThreshold, true, true, ZeroCount, 0);

    /// <summary>The populated positive buckets in ascending order of boundaries.</summary>
    /// <returns>The buckets with their boundaries.</returns>
    public IEnumerable<HistogramBucket> EnumeratePositiveBuckets()
    {
        var index = 0;
        var position = 0;
        foreach (var span in PositiveSpans)
        {
            index += span.Offset;
            for (var k = 0u; k < span.Length; k++, index++)
            {
                yield return MakeBucket(index, PositiveBuckets[position++], positive: true);
            }
        }
    }

    /// <summary>The populated negative buckets in ascending order of index, that is descending order of value.</summary>
    /// <returns>The buckets with their boundaries.</returns>
    public IEnumerable<HistogramBucket> EnumerateNegativeBuckets()
    {
        var index = 0;
        var position = 0;
        foreach (var span in NegativeSpans)
        {
            index += span.Offset;
            for (var k = 0u; k < span.Length; k++, index++)
            {
                yield return MakeBucket(index, NegativeBuckets[position++], positive: false);
            }
        }
    }

    /// <summary>
    /// All buckets in ascending order of value: negative buckets, the zero bucket (when it has a width or a count),
    /// then positive buckets.
    /// </summary>
    /// <returns>The buckets with their boundaries.</returns>
    public IEnumerable<HistogramBucket> EnumerateAllBuckets()
    {
        foreach (var bucket in EnumerateNegativeBuckets().Reverse())
        {
            yield return bucket;
        }

        if (!HistogramSchema.IsCustomBuckets(Schema) && (ZeroThreshold != 0 || ZeroCount != 0))
        {
            yield return ZeroBucket();
        }

        foreach (var bucket in EnumeratePositiveBuckets())
        {
            yield return bucket;
        }
    }

    private HistogramBucket MakeBucket(int index, double count, bool positive)
    {
        var upper = HistogramSchema.UpperBound(index, Schema, CustomValues);
        var lower = HistogramSchema.UpperBound(index - 1, Schema, CustomValues);
        if (HistogramSchema.IsCustomBuckets(Schema))
        {
            return new HistogramBucket(lower, upper, index == 0, true, count, index);
        }

        return positive
            ? new HistogramBucket(lower, upper, false, true, count, index)
            : new HistogramBucket(-upper, -lower, true, false, count, index);
    }

    /// <inheritdoc />
    public bool Equals(FloatHistogram? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return Schema == other.Schema
            && HistogramChecks.SameBits(ZeroThreshold, other.ZeroThreshold)
            && HistogramChecks.SameBits(ZeroCount, other.ZeroCount)
            && HistogramChecks.SameBits(Count, other.Count)
            && HistogramChecks.SameBits(Sum, other.Sum)
            && HistogramChecks.SpansMatch(PositiveSpans, other.PositiveSpans)
            && HistogramChecks.SpansMatch(NegativeSpans, other.NegativeSpans)
            && HistogramChecks.SameBits(PositiveBuckets, other.PositiveBuckets)
            && HistogramChecks.SameBits(NegativeBuckets, other.NegativeBuckets)
            && HistogramChecks.SameBits(CustomValues, other.CustomValues);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as FloatHistogram);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Schema, Count, Sum, PositiveBuckets.Length, NegativeBuckets.Length);
}
