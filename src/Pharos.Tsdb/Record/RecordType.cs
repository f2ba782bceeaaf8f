namespace Pharos.Tsdb.Record;

/// <summary>The first byte of every WAL record (Prometheus <c>record.Type</c>); the numbers are the on-disk values.</summary>
public enum RecordType : byte
{
    /// <summary>Series references and their labels.</summary>
    Series = 1,

    /// <summary>Float samples.</summary>
    Samples = 2,

    /// <summary>Deleted time ranges per series.</summary>
    Tombstones = 3,

    /// <summary>Exemplars.</summary>
    Exemplars = 4,

    /// <summary>Markers that a series' samples up to now are in head chunk files (out-of-order WBL only).</summary>
    MmapMarkers = 5,

    /// <summary>Metric metadata (type, unit, help) per series.</summary>
    Metadata = 6,

    /// <summary>Integer native histogram samples with exponential schemas.</summary>
    HistogramSamples = 7,

    /// <summary>Float native histogram samples with exponential schemas.</summary>
    FloatHistogramSamples = 8,

    /// <summary>Integer native histogram samples with custom buckets (schema -53; Prometheus 3.x).</summary>
    CustomBucketsHistogramSamples = 9,

    /// <summary>Float native histogram samples with custom buckets (schema -53; Prometheus 3.x).</summary>
    CustomBucketsFloatHistogramSamples = 10,

    /// <summary>Not a known record type.</summary>
    Unknown = 255,
}
