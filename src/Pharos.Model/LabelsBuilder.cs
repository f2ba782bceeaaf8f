namespace Pharos.Model;

/// <summary>
/// A reusable, mutable builder for <see cref="Labels"/>. Not thread-safe. Two ways to use it: <see cref="Reset"/>
/// from an existing set then <see cref="Set"/>/<see cref="Delete"/> (relabeling, target labels), or
/// <see cref="Clear"/> then <see cref="Add"/> in any order (parsers), then <see cref="ToLabels"/>.
/// </summary>
public sealed class LabelsBuilder
{
    // Below this many labels an insertion sort beats the introsort setup cost; most series have fewer.
    private const int InsertionSortThreshold = 16;

    private Label[] _labels = new Label[16];
    private int _count;

    // Scratch space for ToLabels, kept between calls so building in a loop allocates only the result.
    private Entry[] _scratch = [];

    // The set passed to Reset, returned as-is by ToLabels when nothing changed since.
    private Labels _base;
    private bool _modified;

    /// <summary>Creates an empty builder.</summary>
    public LabelsBuilder()
    {
    }

    /// <summary>Creates a builder holding <paramref name="labels"/>.</summary>
    /// <param name="labels">The starting labels.</param>
    public LabelsBuilder(Labels labels) => Reset(labels);

    /// <summary>Number of labels currently held (including any duplicates added with <see cref="Add"/>).</summary>
    public int Count => _count;

    /// <summary>Removes all labels.</summary>
    public void Clear()
    {
        Array.Clear(_labels, 0, _count);
        _count = 0;
        _base = Labels.Empty;
        _modified = false;
    }

    /// <summary>Replaces the content with <paramref name="labels"/>.</summary>
    /// <param name="labels">The new starting labels.</param>
    public void Reset(Labels labels)
    {
        Array.Clear(_labels, 0, _count);
        _count = 0;
        EnsureCapacity(labels.Count);
        labels.Span.CopyTo(_labels);
        _count = labels.Count;
        _base = labels;
        _modified = false;
    }

    /// <summary>
    /// Appends a label without looking for an existing one. Duplicates are resolved by <see cref="ToLabels"/>: the
    /// last one added wins.
    /// </summary>
    /// <param name="name">The label name.</param>
    /// <param name="value">The label value.</param>
    public void Add(string name, string value)
    {
        EnsureCapacity(_count + 1);
        _labels[_count++] = new Label(name, value);
        _modified = true;
    }

    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/>; an empty value deletes the label.</summary>
    /// <param name="name">The label name.</param>
    /// <param name="value">The label value.</param>
    /// <returns>This builder.</returns>
    public LabelsBuilder Set(string name, string value)
    {
        if (value.Length == 0)
        {
            return Delete(name);
        }

        var index = Find(name);
        if (index >= 0)
        {
            if (_labels[index].Value != value)
            {
                _labels[index] = new Label(name, value);
                _modified = true;
            }

            // Drop any duplicates added earlier with Add so that Set really is the last word.
            RemoveAllFrom(name, index + 1);
        }
        else
        {
            Add(name, value);
        }

        return this;
    }

    /// <summary>Removes the labels called <paramref name="names"/>.</summary>
    /// <param name="names">Names to remove.</param>
    /// <returns>This builder.</returns>
    public LabelsBuilder Delete(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            RemoveAllFrom(name, 0);
        }

        return this;
    }

    /// <summary>Keeps only the labels called <paramref name="names"/>.</summary>
    /// <param name="names">Names to keep.</param>
    /// <returns>This builder.</returns>
    public LabelsBuilder Keep(params ReadOnlySpan<string> names)
    {
        var n = 0;
        for (var i = 0; i < _count; i++)
        {
            if (names.Contains(_labels[i].Name))
            {
                _labels[n++] = _labels[i];
            }
        }

        Truncate(n);
        return this;
    }

    /// <summary>The current value of <paramref name="name"/>, or the empty string.</summary>
    /// <param name="name">The label name.</param>
    /// <returns>The value (the last one added when the name repeats).</returns>
    public string Get(string name)
    {
        for (var i = _count - 1; i >= 0; i--)
        {
            if (_labels[i].Name == name)
            {
                return _labels[i].Value;
            }
        }

        return string.Empty;
    }

    /// <summary>Calls <paramref name="action"/> for each label currently held, in no particular order.</summary>
    /// <param name="action">The callback.</param>
    public void ForEach(Action<Label> action)
    {
        for (var i = 0; i < _count; i++)
        {
            action(_labels[i]);
        }
    }

    /// <summary>
    /// Builds the sorted set; empty values are dropped and for duplicate names the last one wins. Allocates only
    /// the result array, and nothing when the builder still holds the set it was reset to.
    /// </summary>
    /// <returns>The label set.</returns>
    public Labels ToLabels()
    {
        if (!_modified)
        {
            return _base;
        }

        if (_scratch.Length < _count)
        {
            _scratch = new Entry[Math.Max(_count, _labels.Length)];
        }

        var entries = _scratch.AsSpan(0, _count);
        var n = 0;
        for (var i = 0; i < _count; i++)
        {
            entries[n++] = new Entry(_labels[i], i);
        }

        entries = entries[..n];
        if (n <= InsertionSortThreshold)
        {
            InsertionSort(entries);
        }
        else
        {
            // Array.Sort is not stable; the insertion order as tie-break makes it so.
            entries.Sort(static (a, b) =>
            {
                var c = string.CompareOrdinal(a.Label.Name, b.Label.Name);
                return c != 0 ? c : a.Order.CompareTo(b.Order);
            });
        }

        // Keep the last entry of each run of equal names, then drop it if its value is empty (a deletion).
        var unique = 0;
        for (var i = 0; i < n; i++)
        {
            if ((i + 1 == n || entries[i + 1].Label.Name != entries[i].Label.Name) && entries[i].Label.Value.Length > 0)
            {
                unique++;
            }
        }

        var result = unique == 0 ? [] : new Label[unique];
        var w = 0;
        for (var i = 0; i < n; i++)
        {
            if ((i + 1 == n || entries[i + 1].Label.Name != entries[i].Label.Name) && entries[i].Label.Value.Length > 0)
            {
                result[w++] = entries[i].Label;
            }
        }

        entries.Clear();
        return Labels.FromSortedArrayUnchecked(result);
    }

    private static void InsertionSort(Span<Entry> entries)
    {
        for (var i = 1; i < entries.Length; i++)
        {
            var item = entries[i];
            var j = i - 1;

            // Strictly greater keeps equal names in insertion order.
            while (j >= 0 && string.CompareOrdinal(entries[j].Label.Name, item.Label.Name) > 0)
            {
                entries[j + 1] = entries[j];
                j--;
            }

            entries[j + 1] = item;
        }
    }

    private int Find(string name)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_labels[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    private void RemoveAllFrom(string name, int start)
    {
        var n = start;
        for (var i = start; i < _count; i++)
        {
            if (_labels[i].Name != name)
            {
                _labels[n++] = _labels[i];
            }
        }

        Truncate(n);
    }

    private void Truncate(int n)
    {
        if (n == _count)
        {
            return;
        }

        Array.Clear(_labels, n, _count - n);
        _count = n;
        _modified = true;
    }

    private void EnsureCapacity(int capacity)
    {
        if (_labels.Length < capacity)
        {
            Array.Resize(ref _labels, Math.Max(capacity, _labels.Length * 2));
        }
    }

    private readonly record struct Entry(Label Label, int Order);
}
