using System.Net;
using Pharos.Discovery.Dns;

namespace Pharos.Discovery.Tests.Dns;

public sealed class DnsMessageTests
{
    [Fact]
    public void A_query_asks_for_recursion_and_announces_a_4096_byte_edns_payload()
    {
        var query = DnsMessage.EncodeQuery(0x1234, "_x._tcp.example.", DnsRecordType.SRV, edns: true);

        Assert.Equal(new byte[] { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1 }, query[..12]);
        Assert.Equal("\u0002_x\u0004_tcp\u0007example\0"u8.ToArray(), query[12..29]);
        Assert.Equal(new byte[] { 0, 33, 0, 1 }, query[29..33]);
        Assert.Equal(new byte[] { 0, 0, 41, 0x10, 0x00, 0, 0, 0, 0, 0, 0 }, query[33..]);
    }

    [Fact]
    public void Compressed_names_in_answers_are_expanded()
    {
        // Question "svc.example." at offset 12; the SRV answer's owner points at it, its target is "n1" + pointer to "example.".
        byte[] message =
        [
            0xAB, 0xCD, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0,
            3, (byte)'s', (byte)'v', (byte)'c', 7, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e', 0,
            0, 33, 0, 1,
            0xC0, 12, 0, 33, 0, 1, 0, 0, 0, 60, 0, 11,
            0, 10, 0, 5, 0x23, 0x8C, 2, (byte)'n', (byte)'1', 0xC0, 16,
        ];

        var decoded = DnsMessage.Decode(message);

        Assert.Equal(0xABCD, decoded.Id);
        Assert.True(decoded.IsResponse);
        Assert.Equal("svc.example.", decoded.QuestionName);
        var srv = Assert.Single(decoded.Answers);
        Assert.Equal(new DnsRecord("svc.example.", DnsRecordType.SRV, 60) { Target = "n1.example.", Port = 9100, Priority = 10, Weight = 5 }, srv);
    }

    [Fact]
    public void Address_records_round_trip_through_the_test_server_encoding()
    {
        var query = DnsMessage.EncodeQuery(7, "h.example.", DnsRecordType.AAAA, edns: false);
        var answer = new FakeAnswer(0, [new FakeRecord("h.example.", DnsRecordType.AAAA, Address: IPAddress.Parse("2001:db8::1")), new FakeRecord("h.example.", DnsRecordType.A, Address: IPAddress.Parse("192.0.2.1"))]);

        var decoded = DnsMessage.Decode(FakeDnsServer.Encode(query, answer, truncated: false));

        Assert.Equal(["2001:db8::1", "192.0.2.1"], decoded.Answers.Select(a => a.Address!.ToString()));
    }

    [Theory]
    [InlineData(new byte[] { 0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1 }, "too many compression pointers")]
    [InlineData(new byte[] { 0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 5, (byte)'a' }, "truncated")]
    [InlineData(new byte[] { 0, 1, 0x81 }, "shorter than its header")]
    [InlineData(new byte[] { 0, 1, 0x81, 0x80, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 3, 1, 2, 3 }, "bad length 3")]
    public void Malformed_messages_are_rejected_without_crashing(byte[] message, string expected)
    {
        var e = Assert.Throws<FormatException>(() => DnsMessage.Decode(message));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example")]
    public void Names_with_empty_or_long_labels_cannot_be_queried(string name) =>
        Assert.Throws<ArgumentException>(() => DnsMessage.EncodeQuery(1, name, DnsRecordType.A, edns: false));
}
