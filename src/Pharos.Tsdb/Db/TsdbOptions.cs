using Pharos.Tsdb.Head;
using Pharos.Tsdb.Wal;

namespace Pharos.Tsdb.Db;

/// <summary>Settings of a <see cref="TsdbDatabase"/>, with Prometheus's defaults. Immutable.</summary>
public sealed record TsdbOptions
{
    /// <summary>The head's settings.</summary>
    public HeadOptions Head { get; init; } = new();

    /// <summary>The WAL's settings (segment size, compression, fsync policy).</summary>
    public WalOptions Wal { get; init; } = new();
}
