using Microsoft.Win32.SafeHandles;

namespace Pharos.Tsdb.Binary;

/// <summary>
/// A sliding read buffer over a file for sequential scans that need short look-aheads (head chunk files at start-up):
/// one positional read per window instead of one per field. Not thread-safe.
/// </summary>
internal sealed class FileWindow
{
    private readonly SafeFileHandle _handle;
    private readonly long _length;
    private byte[] _buffer;
    private long _start;
    private int _count;

    public FileWindow(SafeFileHandle handle, long length, int windowBytes = 1 << 20)
    {
        _handle = handle;
        _length = length;
        _buffer = new byte[(int)Math.Min(windowBytes, Math.Max(length, 64))];
    }

    /// <summary>Returns up to <paramref name="count"/> bytes at <paramref name="offset"/> (fewer at the end of the file).</summary>
    public ReadOnlySpan<byte> Get(long offset, int count)
    {
        count = (int)Math.Min(count, _length - offset);
        if (offset < _start || offset + count > _start + _count)
        {
            if (count > _buffer.Length)
            {
                _buffer = new byte[count];
            }

            _start = offset;
            _count = RandomAccess.Read(_handle, _buffer.AsSpan(0, (int)Math.Min(_buffer.Length, _length - offset)), offset);
        }

        return _buffer.AsSpan((int)(offset - _start), Math.Min(count, _count - (int)(offset - _start)));
    }
}
