using System.Buffers.Binary;
using Pharos.Tsdb.Binary;

namespace Pharos.Tsdb.Wal;

public sealed partial class WriteAheadLog
{
    /// <summary>
    /// Appends one record and writes it to the operating system (and to disk under <see cref="WalSyncPolicy.EveryLog"/>).
    /// Allocation-free without compression.
    /// </summary>
    /// <param name="record">The encoded record, for example from <see cref="Pharos.Tsdb.Record.RecordEncoder"/>.</param>
    /// <exception cref="ArgumentException">The record is larger than a whole segment can hold.</exception>
    public void Log(ReadOnlySpan<byte> record)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            LogLocked(record);
            FlushPage(clear: false);
            if (_options.SyncPolicy == WalSyncPolicy.EveryLog)
            {
                SyncLocked();
            }
        }
    }

    /// <summary>Appends several records and writes them to the operating system once, at the end.</summary>
    /// <param name="records">The encoded records, in order.</param>
    public void Log(IReadOnlyList<ReadOnlyMemory<byte>> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            for (var i = 0; i < records.Count; i++)
            {
                LogLocked(records[i].Span);
            }

            FlushPage(clear: false);
            if (_options.SyncPolicy == WalSyncPolicy.EveryLog)
            {
                SyncLocked();
            }
        }
    }

    private void LogLocked(ReadOnlySpan<byte> record)
    {
        // Room left for fragment data in this segment: the rest of this page plus every page still unused, each
        // less one header. A record that does not fit starts the next segment, so no record crosses segments.
        var pagesPerSegment = _options.SegmentSizeBytes / WalFormat.PageSize;
        var left = (long)(WalFormat.PageSize - _alloc - WalFormat.RecordHeaderSize);
        left += WalFormat.MaxFragmentDataSize * (pagesPerSegment - _donePages - 1);
        if (record.Length > left)
        {
            if (record.Length > WalFormat.MaxFragmentDataSize * pagesPerSegment)
            {
                throw new ArgumentException(
                    $"A record of {record.Length} bytes does not fit a segment of {_options.SegmentSizeBytes} bytes.", nameof(record));
            }

            NextSegmentLocked();
        }

        byte compressedFlag = 0;
        byte[]? compressed = null;
        if (_options.Compression == WalCompression.Snappy && record.Length > 0)
        {
            compressed = IronSnappy.Snappy.Encode(record);
            if (compressed.Length < record.Length)
            {
                record = compressed;
                compressedFlag = WalFormat.SnappyMask;
            }
        }

        for (var i = 0; i == 0 || record.Length > 0; i++)
        {
            var length = Math.Min(record.Length, WalFormat.PageSize - _alloc - WalFormat.RecordHeaderSize);
            var part = record[..length];
            WalFragmentType type;
            if (i == 0 && length == record.Length)
            {
                type = WalFragmentType.Full;
            }
            else if (length == record.Length)
            {
                type = WalFragmentType.Last;
            }
            else if (i == 0)
            {
                type = WalFragmentType.First;
            }
            else
            {
                type = WalFragmentType.Middle;
            }

            var header = _page.AsSpan(_alloc, WalFormat.RecordHeaderSize);
            header[0] = (byte)((byte)type | compressedFlag);
            BinaryPrimitives.WriteUInt16BigEndian(header[1..], (ushort)length);
            BinaryPrimitives.WriteUInt32BigEndian(header[3..], Crc32C.Compute(part));
            part.CopyTo(_page.AsSpan(_alloc + WalFormat.RecordHeaderSize));
            _alloc += WalFormat.RecordHeaderSize + length;

            // Fewer bytes left than a header: the page is done, its tail stays zero.
            if (WalFormat.PageSize - _alloc < WalFormat.RecordHeaderSize)
            {
                FlushPage(clear: true);
            }

            record = record[length..];
        }
    }

    private void FlushPage(bool clear)
    {
        if (clear)
        {
            _alloc = WalFormat.PageSize;
        }

        if (_alloc > _flushed)
        {
            _segment!.Write(_page, _flushed, _alloc - _flushed);
            _flushed = _alloc;
        }

        if (clear)
        {
            Array.Clear(_page);
            _alloc = 0;
            _flushed = 0;
            _donePages++;
        }
    }
}
