namespace Pharos.Exposition.Text;

/// <summary>
/// Growable list of label positions in the input: four ints per label (name start, name end, value start, value
/// end; values still escaped). Grows once to the widest label set seen, then allocates nothing.
/// </summary>
internal sealed class LabelOffsets
{
    private int[] _items = new int[4 * 16];

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    public void Add(int nameStart, int nameEnd, int valueStart, int valueEnd)
    {
        var i = Count * 4;
        if (i + 4 > _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[i] = nameStart;
        _items[i + 1] = nameEnd;
        _items[i + 2] = valueStart;
        _items[i + 3] = valueEnd;
        Count++;
    }

    public ReadOnlySpan<byte> Name(ReadOnlySpan<byte> input, int index) =>
        input[_items[index * 4].._items[(index * 4) + 1]];

    public ReadOnlySpan<byte> RawValue(ReadOnlySpan<byte> input, int index) =>
        input[_items[(index * 4) + 2].._items[(index * 4) + 3]];

    /// <summary>Index of the label called <paramref name="name"/>, or -1.</summary>
    public int IndexOf(ReadOnlySpan<byte> input, ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < Count; i++)
        {
            if (Name(input, i).SequenceEqual(name))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether a label other than the last one has the same name as the last one.</summary>
    public bool LastIsDuplicate(ReadOnlySpan<byte> input)
    {
        var last = Name(input, Count - 1);
        for (var i = 0; i < Count - 1; i++)
        {
            if (Name(input, i).SequenceEqual(last))
            {
                return true;
            }
        }

        return false;
    }
}
