using Pharos.Model;
using Pharos.Storage;
using Pharos.Tsdb.Tombstones;

namespace Pharos.Tsdb.Block;

/// <summary>A series whose samples inside deleted intervals are skipped (upstream's deletion-aware iterators).</summary>
internal sealed class TombstonedSeries(ISeries inner, List<TombstoneInterval> deleted) : ISeries
{
    public Labels Labels => inner.Labels;

    public ISampleIterator Iterator(ISampleIterator? reuse) =>
        new TombstonedIterator(inner.Iterator((reuse as TombstonedIterator)?.Inner), deleted);

    private sealed class TombstonedIterator(ISampleIterator inner, List<TombstoneInterval> deleted) : ISampleIterator
    {
        public ISampleIterator Inner => inner;

        public Exception? Error => inner.Error;

        public SampleType Next() => SkipDeleted(inner.Next());

        public SampleType Seek(long timestampMs) => SkipDeleted(inner.Seek(timestampMs));

        public (long TimestampMs, double Value) At() => inner.At();

        public long AtTimestamp() => inner.AtTimestamp();

        public Histogram AtHistogram(Histogram? reuse) => inner.AtHistogram(reuse);

        public FloatHistogram AtFloatHistogram(FloatHistogram? reuse) => inner.AtFloatHistogram(reuse);

        private SampleType SkipDeleted(SampleType type)
        {
            while (type != SampleType.None && IsDeleted(inner.AtTimestamp()))
            {
                type = inner.Next();
            }

            return type;
        }

        private bool IsDeleted(long timestampMs)
        {
            foreach (var interval in deleted)
            {
                if (interval.Contains(timestampMs))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
