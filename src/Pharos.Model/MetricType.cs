namespace Pharos.Model;

/// <summary>The metric family types of the Prometheus and OpenMetrics exposition formats.</summary>
public enum MetricType : byte
{
    /// <summary>No type given (OpenMetrics <c>unknown</c>, Prometheus <c>untyped</c>).</summary>
    Unknown = 0,

    /// <summary>A monotonically increasing counter.</summary>
    Counter,

    /// <summary>A value that can go up and down.</summary>
    Gauge,

    /// <summary>A classic or native histogram of observations.</summary>
    Histogram,

    /// <summary>A histogram whose buckets can go down (OpenMetrics).</summary>
    GaugeHistogram,

    /// <summary>Quantiles, sum and count of observations.</summary>
    Summary,

    /// <summary>Constant labels about the target, value 1 (OpenMetrics).</summary>
    Info,

    /// <summary>A set of boolean states (OpenMetrics).</summary>
    StateSet,
}
