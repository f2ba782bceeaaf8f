namespace Pharos.Model;

/// <summary>An exemplar: a sample with its own labels (typically a trace id) attached to a series sample.</summary>
/// <param name="Labels">The exemplar labels; their UTF-8 length is at most 128 code points in OpenMetrics.</param>
/// <param name="Value">The observed value.</param>
/// <param name="TimestampMs">Milliseconds since the Unix epoch; meaningful only when <paramref name="HasTimestamp"/>.</param>
/// <param name="HasTimestamp">Whether the exposition carried a timestamp.</param>
public readonly record struct Exemplar(Labels Labels, double Value, long TimestampMs, bool HasTimestamp);
