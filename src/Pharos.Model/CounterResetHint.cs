namespace Pharos.Model;

/// <summary>What is known about a counter reset between this histogram and the previous one of the series.</summary>
public enum CounterResetHint : byte
{
    /// <summary>Nothing is known; compare with the previous sample.</summary>
    Unknown = 0,

    /// <summary>This histogram is a reset.</summary>
    CounterReset,

    /// <summary>This histogram is definitely not a reset.</summary>
    NotCounterReset,

    /// <summary>A gauge histogram: resets do not apply.</summary>
    Gauge,
}
