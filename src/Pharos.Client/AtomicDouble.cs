using System.Runtime.CompilerServices;

namespace Pharos.Client;

/// <summary>
/// A double updated with <see cref="Interlocked"/> operations on its bit pattern. A mutable struct: keep it in a
/// field and call its methods on the field itself, never on a copy.
/// </summary>
internal struct AtomicDouble
{
    private long _bits;

    public AtomicDouble(double initial) => _bits = BitConverter.DoubleToInt64Bits(initial);

    public readonly double Value => BitConverter.Int64BitsToDouble(Volatile.Read(ref Unsafe.AsRef(in _bits)));

    public void Set(double value) => Interlocked.Exchange(ref _bits, BitConverter.DoubleToInt64Bits(value));

    public void Add(double delta)
    {
        var current = Volatile.Read(ref _bits);
        while (true)
        {
            var next = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(current) + delta);
            var seen = Interlocked.CompareExchange(ref _bits, next, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
