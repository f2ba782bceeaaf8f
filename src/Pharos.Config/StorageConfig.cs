namespace Pharos.Config;

/// <summary><c>storage</c>: reloadable TSDB and exemplar settings.</summary>
public sealed class StorageConfig
{
    /// <summary>How far back out-of-order samples are accepted; zero disables them.</summary>
    public TimeSpan OutOfOrderTimeWindow { get; set; }

    /// <summary>Retention time from the file, or zero to use the flag.</summary>
    public TimeSpan RetentionTime { get; set; }

    /// <summary>Retention size in bytes from the file, or zero to use the flag.</summary>
    public long RetentionSizeBytes { get; set; }

    /// <summary>Whether a <c>tsdb</c> block was given.</summary>
    public bool HasTsdb { get; set; }

    /// <summary>Size of the exemplar ring buffer (default 100000; zero or less disables it).</summary>
    public long MaxExemplars { get; set; } = 100_000;

    internal static StorageConfig Read(ConfigSection? m)
    {
        var c = new StorageConfig();
        if (m is null)
        {
            return c;
        }

        if (m.Map("tsdb", "TSDBConfig") is { } tsdb)
        {
            c.HasTsdb = true;
            c.OutOfOrderTimeWindow = tsdb.Duration("out_of_order_time_window") ?? TimeSpan.Zero;
            if (tsdb.Map("retention", "TSDBRetentionConfig") is { } r)
            {
                c.RetentionTime = r.Duration("time") ?? TimeSpan.Zero;
                c.RetentionSizeBytes = r.Bytes("size") ?? 0;
                r.Finish();
            }

            tsdb.Finish();
        }

        if (m.Map("exemplars", "ExemplarsConfig") is { } ex)
        {
            c.MaxExemplars = ex.Int("max_exemplars") ?? 0;
            ex.Finish();
        }

        m.Finish();
        return c;
    }
}
