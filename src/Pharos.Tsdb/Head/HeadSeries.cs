using Pharos.Model;
using Pharos.Storage;

namespace Pharos.Tsdb.Head;

/// <summary>A selected series: its labels and the chunks overlapping the query range, captured at selection.</summary>
internal sealed class HeadSeries(Labels labels, ChunkSnapshot[] chunks, long minTimeMs, long maxTimeMs) : ISeries
{
    public Labels Labels { get; } = labels;

    public ISampleIterator Iterator(ISampleIterator? reuse)
    {
        var it = reuse as HeadSampleIterator ?? new HeadSampleIterator();
        it.Reset(chunks, minTimeMs, maxTimeMs);
        return it;
    }
}
