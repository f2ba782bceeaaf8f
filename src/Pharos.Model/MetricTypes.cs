namespace Pharos.Model;

/// <summary>Converts <see cref="MetricType"/> to and from the names used in <c># TYPE</c> lines and APIs.</summary>
public static class MetricTypes
{
    /// <summary>The lowercase OpenMetrics name: counter, gauge, histogram, gaugehistogram, summary, info, stateset, unknown.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The name.</returns>
    public static string ToName(MetricType type) => type switch
    {
        MetricType.Counter => "counter",
        MetricType.Gauge => "gauge",
        MetricType.Histogram => "histogram",
        MetricType.GaugeHistogram => "gaugehistogram",
        MetricType.Summary => "summary",
        MetricType.Info => "info",
        MetricType.StateSet => "stateset",
        _ => "unknown",
    };

    /// <summary>Parses a type name; <c>untyped</c> (Prometheus text) maps to <see cref="MetricType.Unknown"/>.</summary>
    /// <param name="name">The name as bytes.</param>
    /// <param name="type">The parsed type.</param>
    /// <returns>False when the name is not a known type.</returns>
    public static bool TryParse(ReadOnlySpan<byte> name, out MetricType type)
    {
        type = name switch
        {
            _ when name.SequenceEqual("counter"u8) => MetricType.Counter,
            _ when name.SequenceEqual("gauge"u8) => MetricType.Gauge,
            _ when name.SequenceEqual("histogram"u8) => MetricType.Histogram,
            _ when name.SequenceEqual("gaugehistogram"u8) => MetricType.GaugeHistogram,
            _ when name.SequenceEqual("summary"u8) => MetricType.Summary,
            _ when name.SequenceEqual("info"u8) => MetricType.Info,
            _ when name.SequenceEqual("stateset"u8) => MetricType.StateSet,
            _ when name.SequenceEqual("unknown"u8) || name.SequenceEqual("untyped"u8) => MetricType.Unknown,
            _ => (MetricType)255,
        };
        if ((byte)type == 255)
        {
            type = MetricType.Unknown;
            return false;
        }

        return true;
    }
}
