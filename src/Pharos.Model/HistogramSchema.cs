namespace Pharos.Model;

/// <summary>
/// Native histogram schemas and their bucket boundaries. Exponential schemas -4..8 have buckets growing by
/// 2^(2^-schema); schema -53 has custom boundaries listed in the histogram itself.
/// </summary>
public static partial class HistogramSchema
{
    /// <summary>The coarsest exponential schema (growth factor 65536).</summary>
    public const int ExponentialSchemaMin = -4;

    /// <summary>The finest exponential schema (growth factor 2^(1/256)).</summary>
    public const int ExponentialSchemaMax = 8;

    /// <summary>The lowest schema a receiver accepts and reduces to <see cref="ExponentialSchemaMin"/>.</summary>
    public const int ExponentialSchemaMinReserved = -9;

    /// <summary>The highest schema a receiver accepts and reduces to <see cref="ExponentialSchemaMax"/>.</summary>
    public const int ExponentialSchemaMaxReserved = 52;

    /// <summary>The schema of histograms with custom bucket boundaries (NHCB).</summary>
    public const int CustomBuckets = -53;

    /// <summary>Whether <paramref name="schema"/> is an exponential schema (-4..8).</summary>
    /// <param name="schema">The schema.</param>
    /// <returns>True when exponential.</returns>
    public static bool IsExponential(int schema) => schema is >= ExponentialSchemaMin and <= ExponentialSchemaMax;

    /// <summary>Whether <paramref name="schema"/> is the custom-buckets schema.</summary>
    /// <param name="schema">The schema.</param>
    /// <returns>True for -53.</returns>
    public static bool IsCustomBuckets(int schema) => schema == CustomBuckets;

    /// <summary>Whether <paramref name="schema"/> can be stored as is.</summary>
    /// <param name="schema">The schema.</param>
    /// <returns>True for -4..8 and -53.</returns>
    public static bool IsValid(int schema) => IsExponential(schema) || IsCustomBuckets(schema);

    /// <summary>Whether <paramref name="schema"/> is accepted on ingestion after reducing its resolution.</summary>
    /// <param name="schema">The schema.</param>
    /// <returns>True for -9..52 and -53.</returns>
    public static bool IsKnown(int schema) =>
        IsCustomBuckets(schema) || schema is >= ExponentialSchemaMinReserved and <= ExponentialSchemaMaxReserved;

    /// <summary>
    /// The upper boundary of bucket <paramref name="index"/>: 2^(index·2^-schema) for exponential schemas (the
    /// last finite bucket ends at <see cref="double.MaxValue"/> so ±Inf keep a bucket of their own), the custom
    /// value for schema -53 (-Inf below the first, +Inf for the overflow bucket).
    /// </summary>
    /// <param name="index">The bucket index.</param>
    /// <param name="schema">A valid schema.</param>
    /// <param name="customValues">The custom boundaries when <paramref name="schema"/> is -53.</param>
    /// <returns>The upper boundary; the lower one is the upper boundary of <paramref name="index"/> - 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A custom index outside -1..customValues.Length.</exception>
    public static double UpperBound(int index, int schema, ReadOnlySpan<double> customValues = default)
    {
        if (IsCustomBuckets(schema))
        {
            if (index == customValues.Length)
            {
                return double.PositiveInfinity;
            }

            if (index == -1)
            {
                return double.NegativeInfinity;
            }

            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(index, customValues.Length);
            return customValues[index];
        }

        if (schema < 0)
        {
            var exp = (long)index << -schema;

            // 2^1024 is not a double; the bucket below the ±Inf bucket ends at the largest finite value instead.
            return exp == 1024 ? double.MaxValue : Math.ScaleB(1, (int)Math.Clamp(exp, -2000, 2000));
        }

        var fraction = Schema8Fractions[(index & ((1 << schema) - 1)) << (8 - schema)];
        var exponent = (index >> schema) + 1;
        return fraction == 0.5 && exponent == 1025 ? double.MaxValue : Math.ScaleB(fraction, exponent);
    }
}
