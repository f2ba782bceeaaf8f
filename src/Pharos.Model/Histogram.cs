using System.Diagnostics.CodeAnalysis;

namespace Pharos.Model;

/// <summary>
/// A native histogram with integer counts, as instrumented code exposes it and the TSDB stores it. Bucket counts are
/// delta-encoded: each entry of <see cref="PositiveBuckets"/> and <see cref="NegativeBuckets"/> is the difference to
/// the previous bucket of the same sign (the first one is absolute), as in the protobuf exposition and the chunk
/// encoding. Mutable and not thread-safe; PromQL works on <see cref="ToFloat"/>.
/// </summary>
public sealed class Histogram : IEquatable<Histogram>
{
    /// <summary>The schema: -4..8 for exponential buckets, -53 for custom buckets.</summary>
    public int Schema { get; set; }

    /// <summary>Observations with an absolute value at or below this go to the zero bucket.</summary>
    public double ZeroThreshold { get; set; }

    /// <summary>Count of the zero bucket.</summary>
    public ulong ZeroCount { get; set; }

    /// <summary>Total number of observations, including NaN observations, which no bucket counts.</summary>
    public ulong Count { get; set; }

    /// <summary>Sum of observations.</summary>
    public double Sum { get; set; }

    /// <summary>What is known about a counter reset before this sample.</summary>
    public CounterResetHint CounterResetHint { get; set; }

    /// <summary>Spans of populated positive buckets.</summary>
    public HistogramSpan[] PositiveSpans { get; set; } = [];

    /// <summary>Spans of populated negative buckets.</summary>
    public HistogramSpan[] NegativeSpans { get; set; } = [];

    /// <summary>Delta-encoded counts of the positive buckets.</summary>
    public long[] PositiveBuckets { get; set; } = [];

    /// <summary>Delta-encoded counts of the negative buckets.</summary>
    public long[] NegativeBuckets { get; set; } = [];

    /// <summary>Upper bounds of the custom buckets when <see cref="Schema"/> is -53; otherwise empty.</summary>
    public double[] CustomValues { get; set; } = [];

    /// <summary>A deep copy, except <see cref="CustomValues"/>, which is immutable by convention and shared.</summary>
    /// <returns>The copy.</returns>
    public Histogram Copy() => new()
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

    /// <summary>Converts to a float histogram with absolute bucket counts.</summary>
    /// <returns>A new float histogram; <see cref="CustomValues"/> is shared.</returns>
    public FloatHistogram ToFloat() => new()
    {
        Schema = Schema,
        ZeroThreshold = ZeroThreshold,
        ZeroCount = ZeroCount,
        Count = Count,
        Sum = Sum,
        CounterResetHint = CounterResetHint,
        PositiveSpans = [.. PositiveSpans],
        NegativeSpans = [.. NegativeSpans],
        PositiveBuckets = Absolute(PositiveBuckets),
        NegativeBuckets = Absolute(NegativeBuckets),
        CustomValues = CustomValues,
    };

    private static double[] Absolute(ReadOnlySpan<long> deltas)
    {
        var result = new double[deltas.Length];
        long current = 0;
        for (var i = 0; i < deltas.Length; i++)
        {
            current += deltas[i];
            result[i] = current;
        }

        return result;
    }

    /// <summary>
    /// Checks the structure as <see cref="FloatHistogram.TryValidate"/> does, and also that the buckets and the zero
    /// bucket add up to <see cref="Count"/> (or stay below it when <see cref="Sum"/> is NaN, since NaN observations
    /// are counted but not bucketed).
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
        ulong negativeCount = 0;
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

            if (SumBuckets(NegativeBuckets, "negative", out negativeCount) is { } nb)
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

        if (SumBuckets(PositiveBuckets, "positive", out var positiveCount) is { } pb)
        {
            return pb;
        }

        var inBuckets = negativeCount + positiveCount + ZeroCount;
        if (double.IsNaN(Sum))
        {
            return inBuckets > Count
                ? HistogramChecks.Format($"{inBuckets} observations found in buckets, but the Count field is {Count}: histogram's observation count should be at least the number of observations found in the buckets")
                : null;
        }

        return inBuckets != Count
            ? HistogramChecks.Format($"{inBuckets} observations found in buckets, but the Count field is {Count}: histogram's observation count should equal the number of observations found in the buckets (in absence of NaN)")
            : null;
    }

    private static string? SumBuckets(ReadOnlySpan<long> deltas, string side, out ulong total)
    {
        total = 0;
        long current = 0;
        for (var i = 0; i < deltas.Length; i++)
        {
            current += deltas[i];
            if (current < 0)
            {
                return HistogramChecks.Format(
                    $"{side} side: bucket number {i + 1} has observation count of {current}: histogram has a bucket whose observation count is negative");
            }

            total += (ulong)current;
        }

        return null;
    }

    /// <inheritdoc />
    public bool Equals(Histogram? other)
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
            && ZeroCount == other.ZeroCount
            && Count == other.Count
            && HistogramChecks.SameBits(Sum, other.Sum)
            && HistogramChecks.SpansMatch(PositiveSpans, other.PositiveSpans)
            && HistogramChecks.SpansMatch(NegativeSpans, other.NegativeSpans)
            && PositiveBuckets.AsSpan().SequenceEqual(other.PositiveBuckets)
            && NegativeBuckets.AsSpan().SequenceEqual(other.NegativeBuckets)
            && HistogramChecks.SameBits(CustomValues, other.CustomValues);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Histogram);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Schema, Count, Sum, PositiveBuckets.Length, NegativeBuckets.Length);
}
