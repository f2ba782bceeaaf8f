using Pharos.Tsdb.Binary;
using Xunit;

namespace Pharos.Tsdb.Tests.Binary;

public class VarintTests
{
    [Theory]
    [InlineData(0UL, new byte[] { 0x00 })]
    [InlineData(1UL, new byte[] { 0x01 })]
    [InlineData(127UL, new byte[] { 0x7F })]
    [InlineData(128UL, new byte[] { 0x80, 0x01 })]
    [InlineData(300UL, new byte[] { 0xAC, 0x02 })]
    [InlineData(ulong.MaxValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void Unsigned_varint_matches_go_encoding(ulong value, byte[] expected)
    {
        Span<byte> buffer = stackalloc byte[10];
        var n = Varint.WriteUvarint(buffer, value);
        Assert.Equal(expected, buffer[..n].ToArray());
        Assert.Equal(n, Varint.UvarintSize(value));
        Assert.True(Varint.TryReadUvarint(expected, out var read, out var length));
        Assert.Equal(value, read);
        Assert.Equal(expected.Length, length);
    }

    [Theory]
    [InlineData(0L, new byte[] { 0x00 })]
    [InlineData(-1L, new byte[] { 0x01 })]
    [InlineData(1L, new byte[] { 0x02 })]
    [InlineData(-64L, new byte[] { 0x7F })]
    [InlineData(64L, new byte[] { 0x80, 0x01 })]
    [InlineData(1000L, new byte[] { 0xD0, 0x0F })]
    [InlineData(long.MinValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void Signed_varint_is_zig_zag_as_in_go(long value, byte[] expected)
    {
        Span<byte> buffer = stackalloc byte[10];
        var n = Varint.WriteVarint(buffer, value);
        Assert.Equal(expected, buffer[..n].ToArray());
        Assert.True(Varint.TryReadVarint(expected, out var read, out _));
        Assert.Equal(value, read);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x80 })]
    [InlineData(new byte[] { 0xFF, 0xFF })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void Truncated_or_overflowing_varint_is_rejected(byte[] bytes) =>
        Assert.False(Varint.TryReadUvarint(bytes, out _, out _));
}
