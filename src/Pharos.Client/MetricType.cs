namespace Pharos.Client;

/// <summary>The type of a metric family, as OpenMetrics names them.</summary>
public enum MetricType
{
    /// <summary>A monotonically increasing value; exposed with a <c>_total</c> sample.</summary>
    Counter,

    /// <summary>A value that can go up and down.</summary>
    Gauge,

    /// <summary>Observations counted into cumulative buckets, with a sum and a count.</summary>
    Histogram,

    /// <summary>Observations summarised as quantiles over a sliding window, with a sum and a count.</summary>
    Summary,

    /// <summary>A constant label set with the value 1 (for example build information); a gauge in the Prometheus text format.</summary>
    Info,

    /// <summary>A set of named boolean states; a gauge in the Prometheus text format.</summary>
    StateSet,

    /// <summary>A value of unknown type (<c>untyped</c> in the Prometheus text format).</summary>
    Unknown,
}
