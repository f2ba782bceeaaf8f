namespace Pharos.Tsdb.Wal;

/// <summary>How the writer compresses records (<c>--storage.tsdb.wal-compression</c>). The reader handles both.</summary>
public enum WalCompression
{
    /// <summary>Records are written as they are.</summary>
    None,

    /// <summary>
    /// Each record is Snappy block-compressed when that makes it smaller, as Prometheus 2.x does when WAL compression
    /// is on. Costs one allocation per record with the Snappy library in use.
    /// </summary>
    Snappy,
}
