namespace Pharos.Client.Exposition;

/// <summary>
/// Receives metric families one at a time and encodes them. Single-use and not thread-safe: a registry creates
/// one per serialisation. Families arrive as <see cref="BeginFamily"/>, one or more samples, <see cref="EndFamily"/>;
/// <see cref="Finish"/> is called once at the end.
/// </summary>
internal abstract class MetricWriter
{
    public abstract void BeginFamily(FamilyMetadata family);

    /// <summary>Writes a counter series; <c>createdSeconds</c> is the Unix time the series was created, or NaN when unknown.</summary>
    public abstract void WriteCounter(LabelSet labels, double value, Exemplar? exemplar, double createdSeconds, long? timestampMs);

    /// <summary>Writes a plain value: gauges, unknown-typed metrics, and the samples of custom info and state set families.</summary>
    public abstract void WriteGauge(LabelSet labels, double value, long? timestampMs);

    /// <summary>
    /// Writes a histogram series: <c>upperBounds</c> in increasing order with +Inf last, <c>cumulativeCounts</c> per
    /// bucket (the last is the total count), <c>exemplars</c> one per bucket (entries may be null) or empty.
    /// </summary>
    public abstract void WriteHistogram(LabelSet labels, ReadOnlySpan<double> upperBounds, ReadOnlySpan<long> cumulativeCounts, double sum, ReadOnlySpan<Exemplar?> exemplars, double createdSeconds, long? timestampMs);

    public abstract void WriteSummary(LabelSet labels, ReadOnlySpan<double> quantiles, ReadOnlySpan<double> values, long count, double sum, double createdSeconds, long? timestampMs);

    public abstract void WriteInfo(LabelSet labels);

    /// <summary>Writes one sample per state; bit i of <c>activeMask</c> is set when <c>states[i]</c> holds.</summary>
    public abstract void WriteStateSet(LabelSet labels, string familyName, string[] states, ulong activeMask);

    public abstract void EndFamily();

    public virtual void Finish()
    {
    }

    public static MetricWriter Create(ExpositionFormat format, System.Buffers.IBufferWriter<byte> output) => format switch
    {
        ExpositionFormat.PrometheusText => new TextFormatWriter(output, openMetrics: false),
        ExpositionFormat.OpenMetricsText => new TextFormatWriter(output, openMetrics: true),
        ExpositionFormat.Protobuf => new ProtobufWriter(output),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown exposition format."),
    };
}
