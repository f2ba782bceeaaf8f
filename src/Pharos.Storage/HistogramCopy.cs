using Pharos.Model;

namespace Pharos.Storage;

/// <summary>
/// Copies histograms into caller-supplied objects, reusing their arrays when the sizes match, so iterators hand out
/// private copies without allocating in the steady state.
/// </summary>
internal static class HistogramCopy
{
    public static Histogram CopyTo(Histogram source, Histogram? destination)
    {
        if (destination is null)
        {
            return source.Copy();
        }

        destination.Schema = source.Schema;
        destination.ZeroThreshold = source.ZeroThreshold;
        destination.ZeroCount = source.ZeroCount;
        destination.Count = source.Count;
        destination.Sum = source.Sum;
        destination.CounterResetHint = source.CounterResetHint;
        destination.PositiveSpans = Reuse(destination.PositiveSpans, source.PositiveSpans);
        destination.NegativeSpans = Reuse(destination.NegativeSpans, source.NegativeSpans);
        destination.PositiveBuckets = Reuse(destination.PositiveBuckets, source.PositiveBuckets);
        destination.NegativeBuckets = Reuse(destination.NegativeBuckets, source.NegativeBuckets);

        // Custom bounds are immutable by convention and shared, as Histogram.Copy does.
        destination.CustomValues = source.CustomValues;
        return destination;
    }

    public static FloatHistogram CopyTo(FloatHistogram source, FloatHistogram? destination)
    {
        if (destination is null)
        {
            return source.Copy();
        }

        destination.Schema = source.Schema;
        destination.ZeroThreshold = source.ZeroThreshold;
        destination.ZeroCount = source.ZeroCount;
        destination.Count = source.Count;
        destination.Sum = source.Sum;
        destination.CounterResetHint = source.CounterResetHint;
        destination.PositiveSpans = Reuse(destination.PositiveSpans, source.PositiveSpans);
        destination.NegativeSpans = Reuse(destination.NegativeSpans, source.NegativeSpans);
        destination.PositiveBuckets = Reuse(destination.PositiveBuckets, source.PositiveBuckets);
        destination.NegativeBuckets = Reuse(destination.NegativeBuckets, source.NegativeBuckets);
        destination.CustomValues = source.CustomValues;
        return destination;
    }

    /// <summary>Converts an integer histogram (delta-encoded buckets) to a float one with absolute counts.</summary>
    public static FloatHistogram ToFloat(Histogram source, FloatHistogram? destination)
    {
        if (destination is null)
        {
            return source.ToFloat();
        }

        destination.Schema = source.Schema;
        destination.ZeroThreshold = source.ZeroThreshold;
        destination.ZeroCount = source.ZeroCount;
        destination.Count = source.Count;
        destination.Sum = source.Sum;
        destination.CounterResetHint = source.CounterResetHint;
        destination.PositiveSpans = Reuse(destination.PositiveSpans, source.PositiveSpans);
        destination.NegativeSpans = Reuse(destination.NegativeSpans, source.NegativeSpans);
        destination.PositiveBuckets = Absolute(destination.PositiveBuckets, source.PositiveBuckets);
        destination.NegativeBuckets = Absolute(destination.NegativeBuckets, source.NegativeBuckets);
        destination.CustomValues = source.CustomValues;
        return destination;
    }

    private static T[] Reuse<T>(T[] destination, T[] source)
    {
        if (source.Length == 0)
        {
            return [];
        }

        // NOTE: never hand back the source array itself: the caller owns the result and may mutate it.
        var result = destination.Length == source.Length && !ReferenceEquals(destination, source)
            ? destination
            : new T[source.Length];
        source.AsSpan().CopyTo(result);
        return result;
    }

    private static double[] Absolute(double[] destination, long[] deltas)
    {
        if (deltas.Length == 0)
        {
            return [];
        }

        var result = destination.Length == deltas.Length ? destination : new double[deltas.Length];
        long current = 0;
        for (var i = 0; i < deltas.Length; i++)
        {
            current += deltas[i];
            result[i] = current;
        }

        return result;
    }
}
