namespace Pharos.Storage.Tests;

public class StaleMarkerTests
{
    [Fact]
    public void Stale_marker_has_the_upstream_bit_pattern()
    {
        Assert.Equal(0x7ff0000000000002UL, BitConverter.DoubleToUInt64Bits(StaleMarker.StaleNaN));
        Assert.True(double.IsNaN(StaleMarker.StaleNaN));
    }

    [Theory]
    [InlineData(double.NaN, false)]
    [InlineData(0.0, false)]
    [InlineData(double.PositiveInfinity, false)]
    public void Only_the_stale_bit_pattern_is_stale(double value, bool expected)
    {
        Assert.Equal(expected, StaleMarker.IsStaleNaN(value));
        Assert.True(StaleMarker.IsStaleNaN(StaleMarker.StaleNaN));
        Assert.False(StaleMarker.IsStaleNaN(StaleMarker.NormalNaN));
    }
}
