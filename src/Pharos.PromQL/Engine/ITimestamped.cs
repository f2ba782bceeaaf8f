namespace Pharos.PromQL.Engine;

/// <summary>A point with a timestamp, so window searches work over float and histogram points alike without boxing.</summary>
internal interface ITimestamped
{
    /// <summary>Milliseconds since the Unix epoch.</summary>
    long TimestampMs { get; }
}
