using System.Globalization;
using System.Runtime.InteropServices;
using Pharos.Tsdb.Record;
using Pharos.Tsdb.Wal;

namespace Pharos.Tsdb.Db;

/// <summary>
/// WAL checkpoints (Prometheus <c>wlog.Checkpoint</c>): a directory <c>wal/checkpoint.NNNNNNNN</c> holding, as WAL
/// segments, the records of every segment up to <c>NNNNNNNN</c> (and of the previous checkpoint) that still matter:
/// series still alive, and samples, exemplars and metadata at or after the truncation time. Replay reads the
/// newest checkpoint and then only the segments after it.
/// </summary>
public static class WalCheckpoint
{
    private const string Prefix = "checkpoint.";

    /// <summary>The newest complete checkpoint of a WAL directory, or null.</summary>
    /// <param name="walDirectory">The WAL directory.</param>
    /// <returns>The last segment it covers and its path.</returns>
    public static (int Index, string Path)? FindLast(string walDirectory)
    {
        (int Index, string Path)? best = null;
        foreach (var (index, path) in List(walDirectory))
        {
            if (best is null || index > best.Value.Index)
            {
                best = (index, path);
            }
        }

        return best;
    }

    /// <summary>
    /// Writes the checkpoint of segments <paramref name="firstSegment"/>..<paramref name="lastSegment"/> (and of the
    /// previous checkpoint), keeping the series <paramref name="keepSeries"/> accepts and the samples, exemplars and
    /// metadata at or after <paramref name="minTimeMs"/>. Written to a <c>.tmp</c> directory and renamed, so a crash
    /// leaves the old checkpoint in force. Does not delete the segments; the caller truncates the WAL afterwards.
    /// </summary>
    /// <param name="walDirectory">The WAL directory.</param>
    /// <param name="firstSegment">The first segment to read (segments below the previous checkpoint are skipped).</param>
    /// <param name="lastSegment">The last segment to fold in; the checkpoint is named after it.</param>
    /// <param name="keepSeries">Whether a series reference is still alive.</param>
    /// <param name="minTimeMs">The truncation time.</param>
    /// <returns>The checkpoint's path.</returns>
    /// <exception cref="InvalidDataException">A source segment is corrupt.</exception>
    public static string Create(string walDirectory, int firstSegment, int lastSegment, Func<ulong, bool> keepSeries, long minTimeMs)
    {
        ArgumentNullException.ThrowIfNull(walDirectory);
        ArgumentNullException.ThrowIfNull(keepSeries);
        var final = Path.Combine(walDirectory, Prefix + WalFormat.SegmentName(lastSegment));
        var temporary = final + ".tmp";
        if (Directory.Exists(temporary))
        {
            Directory.Delete(temporary, recursive: true);
        }

        var sources = new List<WalReader>();
        if (FindLast(walDirectory) is { } previous && previous.Index < lastSegment)
        {
            sources.Add(WalReader.Open(previous.Path));
            firstSegment = Math.Max(firstSegment, previous.Index + 1);
        }

        sources.Add(WalReader.Open(walDirectory, firstSegment, lastSegment));
        var decoder = new RecordDecoder();
        var series = new List<RefSeries>();
        var samples = new List<RefSample>();
        var exemplars = new List<RefExemplar>();
        var metadata = new List<RefMetadata>();
        var tombstones = new List<RefTombstone>();
        var latestMetadata = new Dictionary<ulong, RefMetadata>();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64 * 1024);
        using (var writer = WriteAheadLog.Open(temporary))
        {
            foreach (var reader in sources)
            {
                using var _ = reader;
                while (reader.Next())
                {
                    var record = reader.Record;
                    buffer.ResetWrittenCount();
                    switch (RecordDecoder.GetType(record))
                    {
                        case RecordType.Series:
                            series.Clear();
                            decoder.Series(record, series);
                            series.RemoveAll(s => !keepSeries(s.Ref));
                            if (series.Count > 0)
                            {
                                RecordEncoder.Series(CollectionsMarshal.AsSpan(series), buffer);
                            }

                            break;
                        case RecordType.Samples:
                            samples.Clear();
                            RecordDecoder.Samples(record, samples);
                            samples.RemoveAll(s => s.TimestampMs < minTimeMs || !keepSeries(s.Ref));
                            if (samples.Count > 0)
                            {
                                RecordEncoder.Samples(CollectionsMarshal.AsSpan(samples), buffer);
                            }

                            break;
                        case RecordType.Exemplars:
                            exemplars.Clear();
                            decoder.Exemplars(record, exemplars);
                            exemplars.RemoveAll(e => e.TimestampMs < minTimeMs || !keepSeries(e.Ref));
                            if (exemplars.Count > 0)
                            {
                                RecordEncoder.Exemplars(CollectionsMarshal.AsSpan(exemplars), buffer);
                            }

                            break;
                        case RecordType.Metadata:
                            metadata.Clear();
                            RecordDecoder.Metadata(record, metadata);
                            foreach (var m in metadata)
                            {
                                latestMetadata[m.Ref] = m;
                            }

                            break;
                        case RecordType.Tombstones:
                            // As upstream: deletions of live series that still reach into the kept range.
                            tombstones.Clear();
                            RecordDecoder.Tombstones(record, tombstones);
                            tombstones.RemoveAll(t => t.MaxTimeMs < minTimeMs || !keepSeries(t.Ref));
                            if (tombstones.Count > 0)
                            {
                                RecordEncoder.Tombstones(CollectionsMarshal.AsSpan(tombstones), buffer);
                            }

                            break;
                        default:
                            // M-map markers and histograms are not carried over yet (issue 3).
                            break;
                    }

                    if (buffer.WrittenCount > 0)
                    {
                        writer.Log(buffer.WrittenSpan);
                    }
                }

                if (reader.Corruption is { } corruption)
                {
                    throw new InvalidDataException($"Cannot checkpoint a corrupt WAL: {corruption}");
                }
            }

            // Upstream writes the latest metadata of each live series once, after everything else.
            var live = latestMetadata.Values.Where(m => keepSeries(m.Ref)).OrderBy(m => m.Ref).ToArray();
            if (live.Length > 0)
            {
                buffer.ResetWrittenCount();
                RecordEncoder.Metadata(live, buffer);
                writer.Log(buffer.WrittenSpan);
            }
        }

        if (Directory.Exists(final))
        {
            Directory.Delete(final, recursive: true);
        }

        Directory.Move(temporary, final);
        return final;
    }

    /// <summary>Deletes the checkpoints older than <paramref name="index"/>, and leftover temporary ones.</summary>
    /// <param name="walDirectory">The WAL directory.</param>
    /// <param name="index">The oldest checkpoint to keep.</param>
    public static void DeleteBefore(string walDirectory, int index)
    {
        foreach (var (i, path) in List(walDirectory))
        {
            if (i < index)
            {
                Directory.Delete(path, recursive: true);
            }
        }

        foreach (var path in Directory.EnumerateDirectories(walDirectory, Prefix + "*.tmp"))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private static IEnumerable<(int Index, string Path)> List(string walDirectory)
    {
        if (!Directory.Exists(walDirectory))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateDirectories(walDirectory, Prefix + "*"))
        {
            var name = Path.GetFileName(path);
            if (int.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                yield return (index, path);
            }
        }
    }
}
