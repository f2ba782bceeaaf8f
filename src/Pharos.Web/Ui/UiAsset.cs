using System.IO.Compression;

namespace Pharos.Web.Ui;

/// <summary>One UI file: its bytes, content type, and a gzip copy when that is at least 10% smaller.</summary>
internal sealed class UiAsset
{
    private readonly Lazy<byte[]?> _gzip;

    /// <summary>Creates an asset.</summary>
    /// <param name="content">The file's bytes.</param>
    /// <param name="contentType">The Content-Type header value.</param>
    public UiAsset(byte[] content, string contentType)
    {
        Content = content;
        ContentType = contentType;
        // Compressed on first use so start-up does not pay for files nobody asks for.
        _gzip = new Lazy<byte[]?>(() => Compress(content));
    }

    /// <summary>The file's bytes.</summary>
    public byte[] Content { get; }

    /// <summary>The Content-Type header value.</summary>
    public string ContentType { get; }

    /// <summary>The gzip-compressed bytes, or null when compression does not pay (small or already compressed files).</summary>
    public byte[]? Gzip => _gzip.Value;

    private static byte[]? Compress(byte[] content)
    {
        if (content.Length < 1024)
        {
            return null;
        }

        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.Length < content.Length * 0.9 ? output.ToArray() : null;
    }
}
