using System.IO.Compression;

namespace Pharos.Exposition.Body;

/// <summary>
/// Reads a scrape response body into a <see cref="BodyBuffer"/>, decompressing gzip when the response says
/// <c>Content-Encoding: gzip</c>, and stops as soon as a limit is reached instead of buffering an oversized body.
/// </summary>
/// <remarks>
/// As Prometheus's <c>body_size_limit</c>, a decoded body that reaches the limit fails (the check is
/// <c>size &gt;= limit</c>, so a body of exactly the limit fails too). The compressed bytes read from the wire are
/// bounded separately, so neither a huge compressed stream nor a gzip bomb is read to the end. A limit of 0 or less
/// means no limit.
/// </remarks>
public static class BodyReader
{
    private const int ReadChunk = 16 * 1024;

    /// <summary>Whether a <c>Content-Encoding</c> header value means gzip.</summary>
    /// <param name="contentEncoding">The header value, or null.</param>
    /// <returns>True for <c>gzip</c> (any case, surrounding whitespace ignored).</returns>
    public static bool IsGzip(string? contentEncoding) =>
        contentEncoding is not null && contentEncoding.Trim().Equals("gzip", StringComparison.OrdinalIgnoreCase);

    /// <summary>Appends the (decoded) body to <paramref name="destination"/>.</summary>
    /// <param name="body">The response stream; read to the end or to a limit, not disposed.</param>
    /// <param name="gzip">Whether the body is gzip-compressed.</param>
    /// <param name="destination">The buffer to append to.</param>
    /// <param name="maxBodyBytes">The limit on the decoded size; 0 or less for none.</param>
    /// <param name="maxCompressedBytes">
    /// The limit on bytes read from <paramref name="body"/> when <paramref name="gzip"/>; null to use
    /// <paramref name="maxBodyBytes"/>, 0 or less for none.
    /// </param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The number of decoded bytes appended.</returns>
    /// <exception cref="BodySizeLimitExceededException">A limit was reached; <paramref name="destination"/> holds a prefix.</exception>
    /// <exception cref="InvalidDataException">The gzip stream is corrupt.</exception>
    public static async ValueTask<long> ReadAsync(
        Stream body,
        bool gzip,
        BodyBuffer destination,
        long maxBodyBytes,
        long? maxCompressedBytes = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(destination);
        if (!gzip)
        {
            return await CopyAsync(body, destination, maxBodyBytes, cancellationToken).ConfigureAwait(false);
        }

        var wireLimit = maxCompressedBytes ?? maxBodyBytes;
        var wire = wireLimit > 0 ? new WireLimitStream(body, wireLimit) : body;
        var inflater = new GZipStream(wire, CompressionMode.Decompress, leaveOpen: true);
        await using (inflater.ConfigureAwait(false))
        {
            return await CopyAsync(inflater, destination, maxBodyBytes, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async ValueTask<long> CopyAsync(Stream source, BodyBuffer destination, long limit, CancellationToken cancellationToken)
    {
        var start = destination.Length;
        var ceiling = limit > 0 ? start + limit : long.MaxValue;
        while (true)
        {
            // Never ask for more than up to the limit: reading stops there without buffering the rest.
            var room = ceiling - destination.Length;
            var memory = destination.GetMemory(ReadChunk, ceiling);
            if (memory.Length > room)
            {
                memory = memory[..(int)room];
            }

            var n = await source.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return destination.Length - start;
            }

            destination.Advance(n);
            if (limit > 0 && destination.Length - start >= limit)
            {
                throw new BodySizeLimitExceededException(limit, compressed: false);
            }
        }
    }

    // Counts the compressed bytes pulled from the wire and fails once more than the limit have been read.
    private sealed class WireLimitStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer[..Clamp(buffer.Length)]));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = Clamp(buffer.Length);
            return Count(await inner.ReadAsync(buffer[..n], cancellationToken).ConfigureAwait(false));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        // Read at most one byte past the limit: enough to know it was exceeded.
        private int Clamp(int wanted) => (int)Math.Min(wanted, Math.Max(1, limit + 1 - _read));

        private int Count(int n)
        {
            _read += n;
            if (_read > limit)
            {
                throw new BodySizeLimitExceededException(limit, compressed: true);
            }

            return n;
        }
    }
}
