using System.Buffers;

namespace Pharos.Exposition.Body;

/// <summary>
/// A growable byte buffer backed by <see cref="ArrayPool{T}.Shared"/>: the destination of <see cref="BodyReader"/>
/// and, as an <see cref="IBufferWriter{T}"/>, of the exposition writers. Keep one per scrape loop or handler and
/// <see cref="Clear"/> it between uses so its array is reused; <see cref="Dispose"/> returns the array to the pool.
/// Not thread-safe. <see cref="WrittenMemory"/> is valid until the next write, <see cref="Clear"/> or dispose.
/// </summary>
public sealed class BodyBuffer : IBufferWriter<byte>, IDisposable
{
    private const int MinimumGrowth = 4096;

    private byte[] _array;
    private int _length;

    /// <summary>Creates a buffer that rents <paramref name="initialCapacity"/> bytes on first use.</summary>
    /// <param name="initialCapacity">The first rental size in bytes.</param>
    public BodyBuffer(int initialCapacity = 16 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        _array = initialCapacity == 0 ? [] : ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    /// <summary>Number of bytes written.</summary>
    public int Length => _length;

    /// <summary>Size of the current backing array.</summary>
    public int Capacity => _array.Length;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, _length);

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, _length);

    /// <summary>Forgets the content, keeping the array for the next use.</summary>
    public void Clear() => _length = 0;

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_length + count > _array.Length)
        {
            throw new InvalidOperationException("Cannot advance past the end of the buffer.");
        }

        _length += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsMemory(_length);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsSpan(_length);
    }

    /// <summary>Returns the array to the pool. The buffer can still be used; it rents again.</summary>
    public void Dispose()
    {
        var array = _array;
        _array = [];
        _length = 0;
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    /// <summary>Makes room for at least <paramref name="sizeHint"/> more bytes (at least one), but never beyond
    /// <paramref name="maxLength"/> in total.</summary>
    internal Memory<byte> GetMemory(int sizeHint, long maxLength)
    {
        var want = Math.Max(sizeHint, 1);
        if (_array.Length - _length < want)
        {
            var target = Math.Max((long)_array.Length * 2, (long)_length + Math.Max(want, MinimumGrowth));
            target = Math.Min(target, Math.Min(maxLength, Array.MaxLength));
            Grow((int)Math.Max(target, (long)_length + want));
        }

        return _array.AsMemory(_length);
    }

    private void Ensure(int sizeHint)
    {
        var want = Math.Max(sizeHint, 1);
        if (_array.Length - _length < want)
        {
            var target = Math.Max((long)_array.Length * 2, (long)_length + Math.Max(want, MinimumGrowth));
            Grow((int)Math.Min(target, Array.MaxLength));
        }
    }

    private void Grow(int newSize)
    {
        if (newSize < _length)
        {
            throw new OutOfMemoryException("The buffer cannot grow beyond the maximum array length.");
        }

        var next = ArrayPool<byte>.Shared.Rent(newSize);
        _array.AsSpan(0, _length).CopyTo(next);
        var old = _array;
        _array = next;
        if (old.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(old);
        }
    }
}
