using Pharos.Tsdb.Binary;
using Xunit;

namespace Pharos.Tsdb.Tests.Binary;

public class Crc32CTests
{
    // Check values from RFC 3720 (iSCSI) appendix B.4 and the common "123456789" check value of CRC-32C.
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xC1D04330u)]
    [InlineData("abc", 0x364B3FB7u)]
    [InlineData("123456789", 0xE3069283u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x22620404u)]
    public void Checksum_of_text_matches_the_published_check_value(string text, uint expected) =>
        Assert.Equal(expected, Crc32C.Compute(System.Text.Encoding.ASCII.GetBytes(text)));

    [Theory]
    [InlineData(0x00, 0x8A9136AAu)]
    [InlineData(0xFF, 0x62A8AB43u)]
    public void Checksum_of_32_equal_bytes_matches_rfc_3720(byte fill, uint expected)
    {
        var data = new byte[32];
        Array.Fill(data, fill);
        Assert.Equal(expected, Crc32C.Compute(data));
    }

    [Fact]
    public void Checksum_of_32_ascending_bytes_matches_rfc_3720()
    {
        var data = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        Assert.Equal(0x46DD794Eu, Crc32C.Compute(data));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(13)]
    [InlineData(100)]
    public void Running_checksum_over_split_input_equals_one_shot_checksum(int split)
    {
        var data = Enumerable.Range(0, 257).Select(i => (byte)(i * 31)).ToArray();
        var state = Crc32C.Update(Crc32C.Initial, data.AsSpan(0, split));
        state = Crc32C.Update(state, data.AsSpan(split));
        Assert.Equal(Crc32C.Compute(data), Crc32C.Finish(state));
    }
}
