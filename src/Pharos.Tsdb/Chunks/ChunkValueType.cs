namespace Pharos.Tsdb.Chunks;

/// <summary>The kind of sample a chunk iterator is positioned on (Prometheus <c>chunkenc.ValueType</c>).</summary>
public enum ChunkValueType : byte
{
    /// <summary>No sample: the iterator is exhausted or failed.</summary>
    None = 0,

    /// <summary>A float sample.</summary>
    Float,

    /// <summary>An integer native histogram.</summary>
    Histogram,

    /// <summary>A float native histogram.</summary>
    FloatHistogram,
}
