namespace Pharos.Storage;

/// <summary>
/// Prometheus's staleness marker: a NaN with a specific bit pattern, appended when a series disappears from a scrape
/// or a rule result. It differs from the NaN that arithmetic produces, so a real NaN value is never taken as stale.
/// </summary>
public static class StaleMarker
{
    /// <summary>The bit pattern of the stale marker (Prometheus's <c>value.StaleNaN</c>).</summary>
    public const ulong StaleNaNBits = 0x7ff0000000000002;

    /// <summary>The bit pattern Prometheus uses for an ordinary NaN value (<c>value.NormalNaN</c>).</summary>
    public const ulong NormalNaNBits = 0x7ff8000000000001;

    /// <summary>The stale marker value.</summary>
    public static double StaleNaN => BitConverter.UInt64BitsToDouble(StaleNaNBits);

    /// <summary>An ordinary NaN with Prometheus's bit pattern.</summary>
    public static double NormalNaN => BitConverter.UInt64BitsToDouble(NormalNaNBits);

    /// <summary>Whether <paramref name="value"/> is the stale marker (compares bits; any other NaN is not stale).</summary>
    /// <param name="value">A sample value.</param>
    /// <returns>True for the stale marker.</returns>
    public static bool IsStaleNaN(double value) => BitConverter.DoubleToUInt64Bits(value) == StaleNaNBits;
}
