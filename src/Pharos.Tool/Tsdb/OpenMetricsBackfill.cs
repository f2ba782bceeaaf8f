using Pharos.Exposition;
using Pharos.Model;
using Pharos.Storage;
using Pharos.Tsdb.Block;
using Pharos.Tsdb.Head;

namespace Pharos.Tool.Tsdb;

/// <summary>
/// <c>pharos tool tsdb create-blocks-from openmetrics FILE [DIR]</c> (promtool's backfill): reads an OpenMetrics
/// file whose samples all carry timestamps and writes one block per aligned block-duration window it covers.
/// </summary>
public static class OpenMetricsBackfill
{
    /// <summary>Two hours, promtool's default <c>--max-block-duration</c>.</summary>
    public static readonly TimeSpan DefaultBlockDuration = TimeSpan.FromHours(2);

    // Samples per commit, so a large file does not build one huge pending batch.
    private const int CommitEvery = 5000;

    /// <summary>Creates the blocks.</summary>
    /// <param name="inputFile">The OpenMetrics file (ending in <c># EOF</c>).</param>
    /// <param name="outputDirectory">The directory receiving the blocks; created when missing.</param>
    /// <param name="blockDuration">The block width; windows are aligned to multiples of it.</param>
    /// <param name="humanReadable">Print dates and binary sizes in the table.</param>
    /// <param name="quiet">Print nothing.</param>
    /// <param name="output">Receives the table of created blocks.</param>
    /// <returns>The blocks written, oldest first.</returns>
    /// <exception cref="InvalidDataException">The input is malformed, a sample has no timestamp or is out of order; the message names the file and line.</exception>
    public static IReadOnlyList<BlockMeta> Run(string inputFile, string outputDirectory, TimeSpan blockDuration, bool humanReadable, bool quiet, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(inputFile);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        ArgumentNullException.ThrowIfNull(output);
        var blockMs = (long)blockDuration.TotalMilliseconds;
        ArgumentOutOfRangeException.ThrowIfLessThan(blockMs, 1);
        var samples = Read(inputFile);
        Directory.CreateDirectory(outputDirectory);
        var written = new List<BlockMeta>();
        foreach (var window in samples.GroupBy(s => AlignDown(s.TimestampMs, blockMs)).OrderBy(g => g.Key))
        {
            // As promtool: the head's chunk range is twice the block, so samples anywhere in the window are accepted
            // whatever order the series come in.
            var head = new Head(new HeadOptions { ChunkRangeMs = 2 * blockMs, StripeSize = 256, MaxExemplars = 0 });
            var app = head.CreateAppender();
            var pending = 0;
            foreach (var s in window)
            {
                var reference = SeriesRef.None;
                var status = app.Append(ref reference, s.Labels, s.TimestampMs, s.Value);
                if (status != AppendStatus.Ok)
                {
                    throw new InvalidDataException($"{inputFile}: sample {s.Ordinal} ({s.Labels} at {s.TimestampMs}) rejected: {status}");
                }

                if (++pending == CommitEvery)
                {
                    app.Commit();
                    app = head.CreateAppender();
                    pending = 0;
                }
            }

            app.Commit();
            if (BlockWriter.Write(head, outputDirectory, head.MinTimeMs, head.MaxTimeMs + 1) is { } meta)
            {
                written.Add(meta);
                if (!quiet)
                {
                    TsdbInspection.WriteBlocks(outputDirectory, [meta], writeHeader: written.Count == 1, humanReadable, output);
                }
            }
        }

        return written;
    }

    private static List<(Labels Labels, long TimestampMs, double Value, int Ordinal)> Read(string inputFile)
    {
        var bytes = File.ReadAllBytes(inputFile);
        var parser = ExpositionParser.Create(ExpositionFormat.OpenMetricsText, ParserMode.Strict);
        parser.Reset(bytes);
        var builder = new LabelsBuilder();
        var samples = new List<(Labels, long, double, int)>();
        var ordinal = 0;
        try
        {
            ExpositionEntry entry;
            while ((entry = parser.Next()) != ExpositionEntry.EndOfInput)
            {
                if (entry == ExpositionEntry.Histogram)
                {
                    throw new InvalidDataException($"{inputFile}: native histograms are not supported by the backfill");
                }

                if (entry != ExpositionEntry.Series)
                {
                    continue;
                }

                builder.Clear();
                parser.GetLabels(builder);
                var labels = builder.ToLabels();
                if (!parser.HasTimestamp)
                {
                    throw new InvalidDataException($"{inputFile}: expected timestamp for series {labels}");
                }

                samples.Add((labels, parser.TimestampMs, parser.Value, ++ordinal));
            }
        }
        catch (ExpositionParseException e)
        {
            throw new InvalidDataException($"{inputFile}:{e.Line}:{e.Column}: {e.Reason}", e);
        }

        return samples;
    }

    private static long AlignDown(long t, long width) => t >= 0 ? t / width * width : (t - width + 1) / width * width;
}
