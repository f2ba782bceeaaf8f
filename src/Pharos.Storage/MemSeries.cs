using Pharos.Model;

namespace Pharos.Storage;

/// <summary>
/// One series of <see cref="MemoryStorage"/>. Guarded by the storage's lock, except that readers may keep a
/// snapshot (<see cref="Snapshot"/>) without it: samples are only ever appended past <see cref="Count"/> in place,
/// and every other change (insertion, bulk load) builds a new array, so a snapshot never changes under a reader.
/// </summary>
internal sealed class MemSeries(ulong reference, Labels labels)
{
    private SeriesSample[] _samples = [];

    public ulong Ref { get; } = reference;

    public Labels Labels { get; } = labels;

    public int Count { get; private set; }

    public List<Exemplar>? Exemplars { get; set; }

    public Metadata? Metadata { get; set; }

    public long MaxTimeMs => Count > 0 ? _samples[Count - 1].TimestampMs : long.MinValue;

    public ref readonly SeriesSample Last => ref _samples[Count - 1];

    public ref readonly SeriesSample this[int index] => ref _samples[index];

    /// <summary>Index of the first sample at or after <paramref name="timestampMs"/>; <see cref="Count"/> when none.</summary>
    public int IndexOf(long timestampMs)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (_samples[mid].TimestampMs < timestampMs)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    public bool HasSamplesIn(long minTimeMs, long maxTimeMs)
    {
        var i = IndexOf(minTimeMs);
        return i < Count && _samples[i].TimestampMs <= maxTimeMs;
    }

    public ReadOnlyMemory<SeriesSample> Snapshot(long minTimeMs, long maxTimeMs)
    {
        var start = IndexOf(minTimeMs);
        var end = maxTimeMs == long.MaxValue ? Count : IndexOf(maxTimeMs + 1);
        return new ReadOnlyMemory<SeriesSample>(_samples, start, Math.Max(0, end - start));
    }

    /// <summary>Appends a sample newer than every stored one, in place.</summary>
    public void Add(in SeriesSample sample)
    {
        if (Count == _samples.Length)
        {
            Array.Resize(ref _samples, Math.Max(16, _samples.Length * 2));
        }

        _samples[Count++] = sample;
    }

    /// <summary>Inserts an out-of-order sample at <paramref name="index"/> into a new array (copy on write).</summary>
    public void Insert(int index, in SeriesSample sample)
    {
        var next = new SeriesSample[Math.Max(16, Count + 1 + (Count / 2))];
        _samples.AsSpan(0, index).CopyTo(next);
        next[index] = sample;
        _samples.AsSpan(index, Count - index).CopyTo(next.AsSpan(index + 1));
        _samples = next;
        Count++;
    }

    /// <summary>Replaces all samples with <paramref name="samples"/>, which must be sorted and free of duplicate timestamps.</summary>
    public void Replace(SeriesSample[] samples, int count)
    {
        _samples = samples;
        Count = count;
    }

    public ReadOnlySpan<SeriesSample> AsSpan() => _samples.AsSpan(0, Count);

    /// <summary>Whether two samples are identical: same type, and bitwise-equal floats or equal histograms.</summary>
    public static bool SameSample(in SeriesSample a, in SeriesSample b)
    {
        var type = a.Type;
        if (type != b.Type)
        {
            return false;
        }

        return type switch
        {
            SampleType.Float => BitConverter.DoubleToUInt64Bits(a.Value) == BitConverter.DoubleToUInt64Bits(b.Value),
            SampleType.Histogram => a.Histogram!.Equals(b.Histogram),
            _ => a.FloatHistogram!.Equals(b.FloatHistogram),
        };
    }
}
