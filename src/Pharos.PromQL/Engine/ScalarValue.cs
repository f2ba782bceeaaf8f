namespace Pharos.PromQL.Engine;

/// <summary>A scalar result.</summary>
/// <param name="timestampMs">The evaluation time in milliseconds.</param>
/// <param name="value">The value.</param>
public sealed class ScalarValue(long timestampMs, double value) : QueryValue
{
    /// <summary>The evaluation time in milliseconds.</summary>
    public long TimestampMs { get; } = timestampMs;

    /// <summary>The value.</summary>
    public double Value { get; } = value;

    /// <inheritdoc />
    public override Parser.ValueType Type => Parser.ValueType.Scalar;
}
