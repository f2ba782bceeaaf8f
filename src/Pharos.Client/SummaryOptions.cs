namespace Pharos.Client;

/// <summary>Options for <see cref="Summary"/>; the defaults match client_golang.</summary>
public sealed class SummaryOptions : MetricOptions
{
    /// <summary>The default sliding window: ten minutes.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromMinutes(10);

    /// <summary>The default number of buckets the window is split into.</summary>
    public const int DefaultAgeBuckets = 5;

    /// <summary>The default number of observations buffered before they are merged into the quantile streams.</summary>
    public const int DefaultBufferCapacity = 500;

    /// <summary>
    /// The quantiles to track with their allowed rank error, for example <c>{ new(0.5, 0.05), new(0.99, 0.001) }</c>.
    /// Empty (the default, as in client_golang) exposes only <c>_sum</c> and <c>_count</c>.
    /// </summary>
    public IReadOnlyList<QuantileEpsilonPair>? Objectives { get; init; }

    /// <summary>How long an observation counts towards the quantiles.</summary>
    public TimeSpan MaxAge { get; init; } = DefaultMaxAge;

    /// <summary>How many buckets <see cref="MaxAge"/> is split into; the window slides one bucket at a time.</summary>
    public int AgeBuckets { get; init; } = DefaultAgeBuckets;

    /// <summary>How many observations are buffered before a merge.</summary>
    public int BufferCapacity { get; init; } = DefaultBufferCapacity;
}
