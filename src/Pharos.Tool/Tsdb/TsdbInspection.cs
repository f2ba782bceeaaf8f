using System.Globalization;
using Pharos.Model;
using Pharos.Storage;
using Pharos.Tsdb.Block;
using Pharos.Tsdb.Chunks;
using Pharos.Tsdb.Db;
using MatchType = Pharos.Model.MatchType;

namespace Pharos.Tool.Tsdb;

/// <summary>
/// <c>pharos tool tsdb list|analyze|dump</c>: promtool's read-only TSDB verbs with its output shapes. The data
/// directory is opened read-only, so a running server's directory can be inspected.
/// </summary>
public static class TsdbInspection
{
    /// <summary><c>tsdb list</c>: one row per block, as promtool's table.</summary>
    /// <param name="directory">The data directory.</param>
    /// <param name="humanReadable">Times as UTC dates and sizes in KiB/MiB (<c>-r</c>).</param>
    /// <param name="output">Receives the table.</param>
    public static void List(string directory, bool humanReadable, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var db = TsdbDatabase.OpenReadOnly(directory);
        WriteBlocks(directory, db.Blocks(), writeHeader: true, humanReadable, output);
    }

    /// <summary>Writes promtool's block table.</summary>
    /// <param name="directory">The directory holding the blocks (for their sizes).</param>
    /// <param name="blocks">The blocks, in display order.</param>
    /// <param name="writeHeader">Whether to print the header row.</param>
    /// <param name="humanReadable">Dates and binary sizes instead of raw numbers.</param>
    /// <param name="output">Receives the table.</param>
    public static void WriteBlocks(string directory, IEnumerable<BlockMeta> blocks, bool writeHeader, bool humanReadable, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(output);
        var table = new TabTable();
        if (writeHeader)
        {
            table.Add("BLOCK ULID", "MIN TIME", "MAX TIME", "DURATION", "NUM SAMPLES", "NUM CHUNKS", "NUM SERIES", "SIZE");
        }

        foreach (var meta in blocks)
        {
            var size = DirectorySize(Path.Combine(directory, meta.Ulid));
            table.Add(
                meta.Ulid,
                humanReadable ? GoFormat.UtcTime(meta.MinTimeMs) : meta.MinTimeMs.ToString(CultureInfo.InvariantCulture),
                humanReadable ? GoFormat.UtcTime(meta.MaxTimeMs) : meta.MaxTimeMs.ToString(CultureInfo.InvariantCulture),
                GoFormat.Duration(meta.MaxTimeMs - meta.MinTimeMs),
                meta.Stats.NumSamples.ToString(CultureInfo.InvariantCulture),
                meta.Stats.NumChunks.ToString(CultureInfo.InvariantCulture),
                meta.Stats.NumSeries.ToString(CultureInfo.InvariantCulture),
                humanReadable ? GoFormat.Base2Bytes(size) : size.ToString(CultureInfo.InvariantCulture));
        }

        table.WriteTo(output);
    }

    /// <summary>
    /// <c>tsdb dump</c>: every sample in [<paramref name="minTimeMs"/>, <paramref name="maxTimeMs"/>] of the series
    /// matching <paramref name="matchers"/> (all series by default), one <c>{labels} value timestamp</c> line each,
    /// blocks and head merged.
    /// </summary>
    /// <param name="directory">The data directory.</param>
    /// <param name="minTimeMs">The first time, inclusive.</param>
    /// <param name="maxTimeMs">The last time, inclusive.</param>
    /// <param name="matchers">Series selectors, or empty for all series.</param>
    /// <param name="output">Receives the lines.</param>
    public static void Dump(string directory, long minTimeMs, long maxTimeMs, IReadOnlyList<Matcher> matchers, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(matchers);
        ArgumentNullException.ThrowIfNull(output);
        using var db = TsdbDatabase.OpenReadOnly(directory);
        using var querier = db.CreateQuerier(minTimeMs, maxTimeMs);
        Matcher[] selection = matchers.Count > 0 ? [.. matchers] : [new Matcher(MatchType.Regex, LabelNames.MetricName, ".*")];
        var set = querier.Select(true, null, selection);
        ISampleIterator? it = null;
        while (set.Next())
        {
            var labels = LabelsText(set.Current.Labels);
            it = set.Current.Iterator(it);
            while (it.Next() == SampleType.Float)
            {
                var (t, v) = it.At();
                output.Write(labels);
                output.Write(' ');
                output.Write(GoFormat.Float(v));
                output.Write(' ');
                output.WriteLine(t.ToString(CultureInfo.InvariantCulture));
            }

            if (it.Error is { } iterationError)
            {
                throw new InvalidDataException($"reading {labels}: {iterationError.Message}", iterationError);
            }
        }

        if (set.Error is { } error)
        {
            throw new InvalidDataException(error.Message, error);
        }
    }

    /// <summary>
    /// <c>tsdb analyze</c>: churn and cardinality of one block (the newest by default), as promtool prints them.
    /// </summary>
    /// <param name="directory">The data directory.</param>
    /// <param name="blockId">The block's ULID, or null for the newest block.</param>
    /// <param name="limit">How many entries each list shows.</param>
    /// <param name="output">Receives the report.</param>
    /// <exception cref="InvalidOperationException">No such block, or no blocks at all.</exception>
    public static void Analyze(string directory, string? blockId, int limit, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var db = TsdbDatabase.OpenReadOnly(directory);
        var blocks = db.Blocks();
        var meta = blockId is { Length: > 0 }
            ? blocks.FirstOrDefault(b => b.Ulid == blockId) ?? throw new InvalidOperationException($"block {blockId} not found")
            : blocks.Count > 0 ? blocks[^1] : throw new InvalidOperationException("no blocks found");
        using var block = Pharos.Tsdb.Block.Block.Open(Path.Combine(db.Directory, meta.Ulid));
        var index = block.Index;
        var span = meta.MaxTimeMs - meta.MinTimeMs;
        output.WriteLine($"Block ID: {meta.Ulid}");
        output.WriteLine($"Duration: {GoFormat.Duration(span)}");
        output.WriteLine($"Series: {meta.Stats.NumSeries.ToString(CultureInfo.InvariantCulture)}");
        var names = index.LabelNames();
        output.WriteLine($"Label names: {names.Count.ToString(CultureInfo.InvariantCulture)}");

        var namesUncovered = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var pairsUncovered = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var pairsCount = new Dictionary<string, ulong>(StringComparer.Ordinal);
        long entries = 0;
        var postings = index.AllPostings();
        var chunks = new List<ChunkMeta>();
        while (postings.Next())
        {
            var labels = index.Series(postings.At, chunks);

            // The part of the block's range this series does not cover (upstream computes it in unsigned arithmetic).
            var uncovered = unchecked((ulong)span - (ulong)(chunks[^1].MaxTimeMs - chunks[0].MinTimeMs));
            foreach (var label in labels.Span)
            {
                var key = label.Name + "=" + label.Value;
                namesUncovered[label.Name] = unchecked(namesUncovered.GetValueOrDefault(label.Name) + uncovered);
                pairsUncovered[key] = unchecked(pairsUncovered.GetValueOrDefault(key) + uncovered);
                pairsCount[key] = pairsCount.GetValueOrDefault(key) + 1;
                entries++;
            }
        }

        output.WriteLine($"Postings (unique label pairs): {pairsUncovered.Count.ToString(CultureInfo.InvariantCulture)}");
        output.WriteLine($"Postings entries (total label pairs): {entries.ToString(CultureInfo.InvariantCulture)}");
        Section(output, "Label pairs most involved in churning:", pairsUncovered.Select(kv => (kv.Key, (ulong)(kv.Value / (double)span))), limit);
        Section(output, "Label names most involved in churning:", namesUncovered.Select(kv => (kv.Key, (ulong)(kv.Value / (double)span))), limit);
        Section(output, "Most common label pairs:", pairsCount.Select(kv => (kv.Key, kv.Value)), limit);
        Section(output, "Label names with highest cumulative label value length:", names.Select(n => (n, (ulong)index.LabelValues(n).Sum(v => System.Text.Encoding.UTF8.GetByteCount(v)))), limit);
        Section(output, "Highest cardinality labels:", names.Select(n => (n, (ulong)index.LabelValues(n).Count)), limit);
        var metricNames = index.LabelValues(LabelNames.MetricName).Select(n =>
        {
            var p = index.Postings(LabelNames.MetricName, n);
            ulong count = 0;
            while (p.Next())
            {
                count++;
            }

            return (n, count);
        });
        Section(output, "Highest cardinality metric names:", metricNames, limit);
    }

    /// <summary>Labels as Go's <c>labels.String</c>: <c>{a="b", c="d"}</c> with Go-quoted values.</summary>
    /// <param name="labels">The labels.</param>
    /// <returns>The text.</returns>
    public static string LabelsText(Labels labels) =>
        "{" + string.Join(", ", labels.Span.ToArray().Select(l => l.Name + "=" + GoQuoting.Quote(l.Value))) + "}";

    private static void Section(TextWriter output, string title, IEnumerable<(string Key, ulong Value)> entries, int limit)
    {
        output.WriteLine();
        output.WriteLine(title);

        // Upstream sorts by count only (ties in no particular order); ties are by name here, for stable output.
        foreach (var (key, value) in entries.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Take(limit))
        {
            output.WriteLine($"{value.ToString(CultureInfo.InvariantCulture)} {key}");
        }
    }

    private static long DirectorySize(string directory) =>
        Directory.Exists(directory) ? new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;
}
