namespace Pharos.Tsdb.Block;

/// <summary>
/// Chooses which blocks to compact next (Prometheus <c>LeveledCompactor.Plan</c>): overlapping blocks first; then
/// blocks that together fill one of the larger ranges, leaving the newest block out so it stays available for
/// backups for a full block range; then a big block with many tombstones alone. Pure functions over metas.
/// </summary>
public static class CompactionPlanner
{
    /// <summary>Returns the blocks to compact together, or an empty list when there is nothing to do.</summary>
    /// <param name="metas">The loaded blocks' metas, in any order.</param>
    /// <param name="rangesMs">The block ranges, smallest first (2h, 6h, 18h, …).</param>
    /// <returns>The metas to merge, sorted by minimum time.</returns>
    public static IReadOnlyList<BlockMeta> Plan(IReadOnlyList<BlockMeta> metas, IReadOnlyList<long> rangesMs)
    {
        ArgumentNullException.ThrowIfNull(metas);
        ArgumentNullException.ThrowIfNull(rangesMs);
        var sorted = metas.OrderBy(m => m.MinTimeMs).ToList();
        var overlapping = SelectOverlapping(sorted);
        if (overlapping.Count > 0)
        {
            return overlapping;
        }

        if (sorted.Count == 0)
        {
            return [];
        }

        // Leave the newest block out.
        sorted.RemoveAt(sorted.Count - 1);
        var selected = SelectByRange(sorted, rangesMs);
        if (selected.Count > 0)
        {
            return selected;
        }

        // A block spanning at least the middle range with more than 5% of its series tombstoned is rewritten alone.
        for (var i = sorted.Count - 1; i >= 0; i--)
        {
            var meta = sorted[i];
            if (rangesMs.Count == 0 || meta.MaxTimeMs - meta.MinTimeMs < rangesMs[rangesMs.Count / 2])
            {
                break;
            }

            if ((double)meta.Stats.NumTombstones / (meta.Stats.NumSeries + 1) > 0.05)
            {
                return [meta];
            }
        }

        return [];
    }

    /// <summary>The first run of blocks whose time ranges overlap (vertical compaction).</summary>
    private static List<BlockMeta> SelectOverlapping(List<BlockMeta> sorted)
    {
        var result = new List<BlockMeta>();
        if (sorted.Count < 2)
        {
            return result;
        }

        var globalMax = sorted[0].MaxTimeMs;
        for (var i = 1; i < sorted.Count; i++)
        {
            var meta = sorted[i];
            if (meta.MinTimeMs < globalMax)
            {
                if (result.Count == 0)
                {
                    result.Add(sorted[i - 1]);
                }

                result.Add(meta);
            }
            else if (result.Count > 0)
            {
                break;
            }

            globalMax = Math.Max(globalMax, meta.MaxTimeMs);
        }

        return result;
    }

    /// <summary>
    /// The first group of two or more blocks inside one aligned range (checking 6h, then 18h, …) that fills the
    /// range or lies entirely before the newest block left to consider.
    /// </summary>
    private static List<BlockMeta> SelectByRange(List<BlockMeta> sorted, IReadOnlyList<long> rangesMs)
    {
        if (rangesMs.Count < 2 || sorted.Count == 0)
        {
            return [];
        }

        var highTime = sorted[^1].MinTimeMs;
        for (var r = 1; r < rangesMs.Count; r++)
        {
            foreach (var group in SplitByRange(sorted, rangesMs[r]))
            {
                if (group.Exists(m => m.Compaction.Failed))
                {
                    continue;
                }

                var min = group[0].MinTimeMs;
                var max = group[^1].MaxTimeMs;
                if ((max - min == rangesMs[r] || max <= highTime) && group.Count > 1)
                {
                    return group;
                }
            }
        }

        return [];
    }

    /// <summary>Groups consecutive blocks that fall inside the same aligned range of width <paramref name="rangeMs"/>.</summary>
    private static List<List<BlockMeta>> SplitByRange(List<BlockMeta> sorted, long rangeMs)
    {
        var groups = new List<List<BlockMeta>>();
        for (var i = 0; i < sorted.Count;)
        {
            var start = AlignDown(sorted[i].MinTimeMs, rangeMs);

            // A block reaching past its aligned range (misaligned, or larger than the range) belongs to no group.
            if (sorted[i].MaxTimeMs > start + rangeMs)
            {
                i++;
                continue;
            }

            var group = new List<BlockMeta>();
            for (; i < sorted.Count && sorted[i].MaxTimeMs <= start + rangeMs; i++)
            {
                group.Add(sorted[i]);
            }

            groups.Add(group);
        }

        return groups;
    }

    /// <summary>The start of the aligned range of width <paramref name="rangeMs"/> holding <paramref name="timeMs"/> (floor division, negative times too).</summary>
    /// <param name="timeMs">The time.</param>
    /// <param name="rangeMs">The range width.</param>
    /// <returns>The aligned start.</returns>
    public static long AlignDown(long timeMs, long rangeMs) =>
        timeMs >= 0 ? timeMs / rangeMs * rangeMs : (timeMs - rangeMs + 1) / rangeMs * rangeMs;
}
