namespace Pharos.Tsdb.Chunks;

/// <summary>
/// The encoder state an XOR chunk carries from sample to sample: the last timestamp and value, the last timestamp
/// delta, and the leading/trailing zero counts of the last written XOR window.
/// </summary>
internal struct XorState
{
    /// <summary>The last timestamp.</summary>
    public long T;

    /// <summary>The last value's bits.</summary>
    public ulong ValueBits;

    /// <summary>The last timestamp delta.</summary>
    public ulong TDelta;

    /// <summary>Leading zeros of the current XOR window; <see cref="NoWindow"/> before the first window.</summary>
    public byte Leading;

    /// <summary>Trailing zeros of the current XOR window.</summary>
    public byte Trailing;

    /// <summary>The leading-zero marker for "no window yet", so the second sample always writes a full window.</summary>
    public const byte NoWindow = 0xFF;
}
