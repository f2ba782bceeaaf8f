namespace Pharos.Tsdb.Wal;

/// <summary>
/// Cuts a WAL back to its last intact record after <see cref="WalReader"/> reported a <see cref="WalCorruption"/>
/// (Prometheus <c>WL.Repair</c>). Run it before opening a <see cref="WriteAheadLog"/> on the directory.
/// </summary>
public static class WalRepair
{
    /// <summary>
    /// Deletes every segment after the corrupt one and truncates the corrupt one where the unreadable record starts,
    /// zero-padding its last page as upstream's repair leaves it. Records are never split across segments, so no
    /// earlier segment needs changing. Upstream rewrites the segment record by record; cutting it produces the same
    /// bytes for the records kept.
    /// </summary>
    /// <param name="directory">The WAL directory.</param>
    /// <param name="corruption">The reader's report.</param>
    /// <returns>The number of bytes dropped, padding aside.</returns>
    public static long Repair(string directory, WalCorruption corruption)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(corruption);
        long dropped = 0;
        foreach (var (index, path) in WalFormat.ListSegments(directory))
        {
            if (index > corruption.Segment)
            {
                dropped += new FileInfo(path).Length;
                File.Delete(path);
            }
        }

        var segment = Path.Combine(directory, WalFormat.SegmentName(corruption.Segment));
        using var stream = new FileStream(segment, FileMode.Open, FileAccess.Write, FileShare.Read | FileShare.Delete);
        if (corruption.Offset < stream.Length)
        {
            dropped += stream.Length - corruption.Offset;
            var pageEnd = (corruption.Offset + WalFormat.PageSize - 1) / WalFormat.PageSize * WalFormat.PageSize;

            // Truncate, then extend with zeros to the page end: SetLength fills the gap with zeros.
            stream.SetLength(corruption.Offset);
            stream.SetLength(pageEnd);
        }

        stream.Flush(flushToDisk: true);
        return dropped;
    }
}
