using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using Pharos.Tsdb.Binary;

namespace Pharos.Tsdb.Wal;

/// <summary>
/// Reads the records of a range of WAL segments in order (Prometheus <c>wlog.Reader</c>), verifying every
/// fragment's checksum and the fragment sequence. Reading stops at the first problem, which
/// <see cref="Corruption"/> then locates. As upstream, a segment that ends inside a page reads as if zero-padded to
/// the page end, and a record left unfinished at the end of the last segment is a torn write. Not thread-safe.
/// </summary>
public sealed class WalReader : IDisposable
{
    private readonly IReadOnlyList<(int Index, string Path)> _segments;
    private readonly byte[] _page = new byte[WalFormat.PageSize];
    private byte[] _record = new byte[4096];
    private int _recordLength;
    private byte[]? _decompressed;
    private bool _recordIsDecompressed;

    private int _segmentPosition = -1;
    private SafeFileHandle? _handle;
    private long _segmentLength;
    private long _pageStart;
    private int _pageValid;
    private int _pagePosition;
    private bool _pageLoaded;
    private bool _done;

    private WalReader(IReadOnlyList<(int Index, string Path)> segments) => _segments = segments;

    /// <summary>Why reading stopped early, or null while reading is fine and after a clean end.</summary>
    public WalCorruption? Corruption { get; private set; }

    /// <summary>The current record. Valid until the next <see cref="Next"/>.</summary>
    public ReadOnlySpan<byte> Record => _recordIsDecompressed ? _decompressed : _record.AsSpan(0, _recordLength);

    /// <summary>The segment holding the current record's first fragment.</summary>
    public int Segment { get; private set; } = -1;

    /// <summary>The offset of the current record's first fragment in <see cref="Segment"/>.</summary>
    public long Offset { get; private set; }

    /// <summary>The offset just after the current record's last fragment, in the segment being read.</summary>
    public long EndOffset { get; private set; }

    /// <summary>Opens the segments of a WAL directory.</summary>
    /// <param name="directory">The WAL directory.</param>
    /// <param name="firstSegment">The first segment to read; null for the first one present.</param>
    /// <param name="lastSegment">The last segment to read; null for the last one present.</param>
    /// <returns>The reader.</returns>
    public static WalReader Open(string directory, int? firstSegment = null, int? lastSegment = null)
    {
        var segments = WalFormat.ListSegments(directory)
            .Where(s => (firstSegment is null || s.Index >= firstSegment) && (lastSegment is null || s.Index <= lastSegment))
            .ToList();
        return new WalReader(segments);
    }

    /// <summary>Advances to the next record.</summary>
    /// <returns>False at the end of the log or at a corruption (see <see cref="Corruption"/>).</returns>
    public bool Next()
    {
        if (_done)
        {
            return false;
        }

        _recordLength = 0;
        _recordIsDecompressed = false;
        var inRecord = false;
        var compressed = false;
        var startSegment = -1;
        long startOffset = 0;
        while (true)
        {
            if (!_pageLoaded || _pagePosition >= WalFormat.PageSize)
            {
                if (!LoadNextPage())
                {
                    if (inRecord)
                    {
                        // Upstream: the last record must end with a full or last fragment.
                        return Fail(startSegment, startOffset, CurrentOffset, "last record is torn");
                    }

                    _done = true;
                    return false;
                }
            }

            var fragmentOffset = CurrentOffset;
            var typeByte = _page[_pagePosition];
            var type = (WalFragmentType)(typeByte & WalFormat.FragmentTypeMask);
            if (!inRecord)
            {
                startSegment = _segments[_segmentPosition].Index;
                startOffset = fragmentOffset;
            }

            if (typeByte == 0)
            {
                // Zero padding to the end of the page; upstream checks it is all zeros.
                if (_page.AsSpan(_pagePosition, _pageValid - Math.Min(_pagePosition, _pageValid)).ContainsAnyExcept((byte)0))
                {
                    return Fail(startSegment, startOffset, fragmentOffset, "unexpected non-zero byte in padded page");
                }

                _pagePosition = WalFormat.PageSize;
                continue;
            }

            if ((typeByte & WalFormat.ZstdMask) != 0)
            {
                return Fail(startSegment, startOffset, fragmentOffset, "zstd-compressed records are not supported");
            }

            if ((typeByte & ~(WalFormat.FragmentTypeMask | WalFormat.SnappyMask)) != 0 || type > WalFragmentType.Last)
            {
                return Fail(startSegment, startOffset, fragmentOffset, $"unexpected record type byte 0x{typeByte:x2}");
            }

            if (_pagePosition + WalFormat.RecordHeaderSize > WalFormat.PageSize)
            {
                return Fail(startSegment, startOffset, fragmentOffset, "fragment header crosses a page boundary");
            }

            if (_pagePosition + WalFormat.RecordHeaderSize > _pageValid)
            {
                return Fail(startSegment, startOffset, fragmentOffset, "segment ends inside a fragment header");
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(_page.AsSpan(_pagePosition + 1));
            var crc = BinaryPrimitives.ReadUInt32BigEndian(_page.AsSpan(_pagePosition + 3));
            var dataStart = _pagePosition + WalFormat.RecordHeaderSize;
            if (length > WalFormat.MaxFragmentDataSize || dataStart + length > WalFormat.PageSize)
            {
                return Fail(startSegment, startOffset, fragmentOffset, $"invalid record size {length}");
            }

            if (dataStart + length > _pageValid)
            {
                return Fail(startSegment, startOffset, fragmentOffset, $"segment ends inside a fragment of {length} bytes");
            }

            var data = _page.AsSpan(dataStart, length);
            var actual = Crc32C.Compute(data);
            if (actual != crc)
            {
                return Fail(startSegment, startOffset, fragmentOffset, $"unexpected checksum {actual:x8}, expected {crc:x8}");
            }

            switch (type)
            {
                case WalFragmentType.Full when inRecord:
                    return Fail(startSegment, startOffset, fragmentOffset, "unexpected full record");
                case WalFragmentType.First when inRecord:
                    return Fail(startSegment, startOffset, fragmentOffset, "unexpected first record");
                case WalFragmentType.Middle or WalFragmentType.Last when !inRecord:
                    return Fail(startSegment, startOffset, fragmentOffset, $"unexpected {type.ToString().ToLowerInvariant()} record");
            }

            compressed |= (typeByte & WalFormat.SnappyMask) != 0;
            Append(data);
            _pagePosition = dataStart + length;
            inRecord = true;
            if (type is WalFragmentType.Full or WalFragmentType.Last)
            {
                Segment = startSegment;
                Offset = startOffset;
                EndOffset = CurrentOffset;
                if (compressed && _recordLength > 0)
                {
                    try
                    {
                        _decompressed = IronSnappy.Snappy.Decode(_record.AsSpan(0, _recordLength));
                        _recordIsDecompressed = true;
                    }
                    catch (Exception e) when (e is InvalidDataException or ArgumentException or IndexOutOfRangeException or IOException)
                    {
                        return Fail(startSegment, startOffset, fragmentOffset, $"snappy decoding failed: {e.Message}");
                    }
                }

                return true;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _handle?.Dispose();
        _handle = null;
        _done = true;
    }

    private long CurrentOffset => _pageStart + _pagePosition;

    private void Append(ReadOnlySpan<byte> data)
    {
        if (_recordLength + data.Length > _record.Length)
        {
            Array.Resize(ref _record, Math.Max(_record.Length * 2, _recordLength + data.Length));
        }

        data.CopyTo(_record.AsSpan(_recordLength));
        _recordLength += data.Length;
    }

    private bool LoadNextPage()
    {
        while (true)
        {
            if (_handle is not null && _pageLoaded && _pageStart + WalFormat.PageSize < _segmentLength)
            {
                _pageStart += WalFormat.PageSize;
                ReadPage();
                return true;
            }

            if (_handle is not null && !_pageLoaded && _segmentLength > 0)
            {
                _pageStart = 0;
                ReadPage();
                return true;
            }

            // Next segment.
            _handle?.Dispose();
            _handle = null;
            _pageLoaded = false;
            _segmentPosition++;
            if (_segmentPosition >= _segments.Count)
            {
                return false;
            }

            _handle = File.OpenHandle(_segments[_segmentPosition].Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            _segmentLength = RandomAccess.GetLength(_handle);
        }
    }

    private void ReadPage()
    {
        var want = (int)Math.Min(WalFormat.PageSize, _segmentLength - _pageStart);
        var read = 0;
        while (read < want)
        {
            var n = RandomAccess.Read(_handle!, _page.AsSpan(read, want - read), _pageStart + read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        // A short last page reads as zero-padded, as upstream's segment reader pretends.
        _page.AsSpan(read).Clear();
        _pageValid = read;
        _pagePosition = 0;
        _pageLoaded = true;
    }

    private bool Fail(int segment, long offset, long failedOffset, string reason)
    {
        var failedSegment = _segmentPosition >= 0 && _segmentPosition < _segments.Count ? _segments[_segmentPosition].Index : segment;
        Corruption = new WalCorruption(segment, offset, failedSegment, failedOffset, reason);
        _done = true;
        return false;
    }
}
