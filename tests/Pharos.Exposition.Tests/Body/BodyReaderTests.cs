using System.IO.Compression;
using System.Text;
using Pharos.Exposition.Body;
using Xunit;

namespace Pharos.Exposition.Tests.Body;

public class BodyReaderTests
{
    private const long OneGigabyte = 1L << 30;

    [Fact]
    public async Task Plain_body_is_read_whole()
    {
        using var buffer = new BodyBuffer(16);
        var payload = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("up{job=\"x\"} 1\n", 10_000)));
        var n = await BodyReader.ReadAsync(new MemoryStream(payload), gzip: false, buffer, maxBodyBytes: 10_000_000);
        Assert.Equal(payload.Length, n);
        Assert.True(buffer.WrittenSpan.SequenceEqual(payload));
    }

    [Fact]
    public async Task Gzip_body_is_decompressed()
    {
        var payload = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("node_cpu_seconds_total{cpu=\"0\"} 12.5\n", 5_000)));
        using var buffer = new BodyBuffer();
        var n = await BodyReader.ReadAsync(new MemoryStream(Gzip(payload)), gzip: true, buffer, maxBodyBytes: 10_000_000);
        Assert.Equal(payload.Length, n);
        Assert.True(buffer.WrittenSpan.SequenceEqual(payload));
    }

    [Fact]
    public async Task A_one_gigabyte_body_stops_at_the_limit_without_being_buffered()
    {
        var body = new GeneratedStream(OneGigabyte);
        using var buffer = new BodyBuffer();
        var error = await Assert.ThrowsAsync<BodySizeLimitExceededException>(
            async () => await BodyReader.ReadAsync(body, gzip: false, buffer, maxBodyBytes: 1_000_000));
        Assert.False(error.Compressed);
        Assert.Equal(1_000_000, error.LimitBytes);
        Assert.Equal(1_000_000, body.BytesServed);
        Assert.Equal(1_000_000, buffer.Length);
        Assert.True(buffer.Capacity < 4_000_000, $"capacity {buffer.Capacity}");
    }

    [Theory]
    [InlineData(99, false)]
    [InlineData(100, true)]
    [InlineData(101, true)]
    public async Task Reaching_the_limit_exactly_fails_as_in_Prometheus(int size, bool fails)
    {
        using var buffer = new BodyBuffer();
        var read = () => BodyReader.ReadAsync(new GeneratedStream(size), gzip: false, buffer, maxBodyBytes: 100).AsTask();
        if (fails)
        {
            await Assert.ThrowsAsync<BodySizeLimitExceededException>(read);
        }
        else
        {
            Assert.Equal(size, await read());
        }
    }

    [Fact]
    public async Task Zero_limit_means_unlimited()
    {
        using var buffer = new BodyBuffer();
        Assert.Equal(3_000_000, await BodyReader.ReadAsync(new GeneratedStream(3_000_000), gzip: false, buffer, maxBodyBytes: 0));
    }

    [Fact]
    public async Task A_gzip_bomb_stops_at_the_decompressed_limit()
    {
        // 256 MiB of zeros compress to about 250 KiB (deflate tops out near 1000:1).
        var bomb = GzipOf(new GeneratedStream(256L << 20, 0));
        Assert.True(bomb.Length < 1_000_000);
        var wire = new CountingStream(new MemoryStream(bomb));
        using var buffer = new BodyBuffer();
        var error = await Assert.ThrowsAsync<BodySizeLimitExceededException>(
            async () => await BodyReader.ReadAsync(wire, gzip: true, buffer, maxBodyBytes: 4_000_000));
        Assert.False(error.Compressed);
        Assert.Equal(4_000_000, buffer.Length);
        Assert.True(wire.BytesRead < bomb.Length / 10, $"read {wire.BytesRead} of {bomb.Length} compressed bytes");
    }

    [Fact]
    public async Task A_large_compressed_stream_stops_at_the_compressed_limit()
    {
        // Random bytes do not compress: the wire size grows with the body.
        var random = new byte[2_000_000];
        new Random(7).NextBytes(random);
        var compressed = Gzip(random);
        var wire = new CountingStream(new MemoryStream(compressed));
        using var buffer = new BodyBuffer();
        var error = await Assert.ThrowsAsync<BodySizeLimitExceededException>(
            async () => await BodyReader.ReadAsync(wire, gzip: true, buffer, maxBodyBytes: 10_000_000, maxCompressedBytes: 500_000));
        Assert.True(error.Compressed);
        Assert.True(wire.BytesRead <= 500_001, $"read {wire.BytesRead}");
    }

    [Fact]
    public async Task Corrupt_gzip_is_an_invalid_data_error()
    {
        using var buffer = new BodyBuffer();
        var garbage = Encoding.ASCII.GetBytes("this is not gzip at all, just text");
        await Assert.ThrowsAnyAsync<InvalidDataException>(
            async () => await BodyReader.ReadAsync(new MemoryStream(garbage), gzip: true, buffer, maxBodyBytes: 1000));
    }

    [Theory]
    [InlineData("gzip", true)]
    [InlineData(" GZIP ", true)]
    [InlineData("identity", false)]
    [InlineData("br", false)]
    [InlineData(null, false)]
    public void Gzip_content_encoding_is_recognised(string? header, bool expected) =>
        Assert.Equal(expected, BodyReader.IsGzip(header));

    [Fact]
    public async Task Buffer_is_reused_after_clear()
    {
        using var buffer = new BodyBuffer();
        await BodyReader.ReadAsync(new GeneratedStream(200_000), gzip: false, buffer, maxBodyBytes: 0);
        var capacity = buffer.Capacity;
        buffer.Clear();
        await BodyReader.ReadAsync(new GeneratedStream(150_000), gzip: false, buffer, maxBodyBytes: 0);
        Assert.Equal(150_000, buffer.Length);
        Assert.Equal(capacity, buffer.Capacity);
    }

    private static byte[] Gzip(byte[] data) => GzipOf(new MemoryStream(data));

    private static byte[] GzipOf(Stream source)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            source.CopyTo(gzip, 1 << 20);
        }

        return output.ToArray();
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => BytesRead;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int n)
        {
            BytesRead += n;
            return n;
        }
    }
}
