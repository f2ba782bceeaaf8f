using Pharos.Tsdb.Chunks;
using Xunit;

namespace Pharos.Tsdb.Tests.Chunks;

public class BStreamTests
{
    [Fact]
    public void Bits_fill_each_byte_from_the_high_end()
    {
        var stream = new BStream();
        stream.WriteBit(true);
        stream.WriteBit(false);
        stream.WriteBits(0b101, 3);
        Assert.Equal([0b1010_1000], stream.Bytes.ToArray());
        Assert.Equal(3, stream.FreeBits);
        stream.WriteBits(0xABCD, 16);
        Assert.Equal([0b1010_1101, 0b0101_1110, 0b0110_1000], stream.Bytes.ToArray());
    }

    [Fact]
    public void Random_bit_fields_read_back_as_written()
    {
        var random = new Random(42);
        var fields = new List<(ulong Value, int Bits)>();
        var stream = new BStream(4);
        for (var i = 0; i < 5000; i++)
        {
            var bits = random.Next(0, 65);
            var value = bits == 0 ? 0 : (ulong)random.NextInt64() & (bits == 64 ? ulong.MaxValue : (1UL << bits) - 1);
            fields.Add((value, bits));
            stream.WriteBits(value, bits);
        }

        var reader = new BStreamReader(stream.Memory);
        foreach (var (value, bits) in fields)
        {
            if (bits == 0)
            {
                continue;
            }

            Assert.True(reader.TryReadBits(bits, out var read));
            Assert.Equal(value, read);
        }
    }

    [Fact]
    public void Reading_past_the_end_fails()
    {
        var reader = new BStreamReader(new byte[] { 0xFF });
        Assert.True(reader.TryReadBits(6, out _));
        Assert.False(reader.TryReadBits(3, out _));
    }
}
