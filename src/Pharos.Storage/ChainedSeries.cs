using Pharos.Model;

namespace Pharos.Storage;

/// <summary>
/// One series assembled from the same series read from several sources (Prometheus's chained series merge):
/// samples are interleaved by timestamp and overlapping samples with equal timestamps appear once.
/// Immutable.
/// </summary>
public sealed class ChainedSeries : ISeries
{
    private readonly ISeries[] _series;

    /// <summary>Creates the merged series.</summary>
    /// <param name="labels">The labels all parts share.</param>
    /// <param name="series">The parts, in priority order for equal timestamps.</param>
    public ChainedSeries(Labels labels, params ISeries[] series)
    {
        ArgumentNullException.ThrowIfNull(series);
        Labels = labels;
        _series = series;
    }

    /// <inheritdoc/>
    public Labels Labels { get; }

    /// <inheritdoc/>
    public ISampleIterator Iterator(ISampleIterator? reuse)
    {
        var iterators = new ISampleIterator[_series.Length];
        var chain = reuse as ChainSampleIterator;
        for (var i = 0; i < _series.Length; i++)
        {
            // Reuse the previous chain's child iterators when the shapes line up.
            var old = chain is not null && i < chain.Iterators.Length ? chain.Iterators[i] : null;
            iterators[i] = _series[i].Iterator(old);
        }

        if (chain is null)
        {
            return new ChainSampleIterator(iterators);
        }

        chain.Reset(iterators);
        return chain;
    }
}
