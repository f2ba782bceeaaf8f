namespace Pharos.PromQL.Engine;

/// <summary>A string result.</summary>
/// <param name="timestampMs">The evaluation time in milliseconds.</param>
/// <param name="value">The string.</param>
public sealed class StringValue(long timestampMs, string value) : QueryValue
{
    /// <summary>The evaluation time in milliseconds.</summary>
    public long TimestampMs { get; } = timestampMs;

    /// <summary>The string.</summary>
    public string Value { get; } = value;

    /// <inheritdoc />
    public override Parser.ValueType Type => Parser.ValueType.String;
}
