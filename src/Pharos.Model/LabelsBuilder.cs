namespace Pharos.Model;

/// <summary>
/// A reusable, mutable builder for <see cref="Labels"/>. Not thread-safe. Two ways to use it: <see cref="Reset"/>
/// from an existing set then <see cref="Set"/>/<see cref="Delete"/> (relabeling, target labels), or
/// <see cref="Clear"/> then <see cref="Add"/> in any order (parsers), then <see cref="ToLabels"/>.
/// </summary>
public sealed class LabelsBuilder
{
    private readonly List<Label> _labels = new(16);

    /// <summary>Creates an empty builder.</summary>
    public LabelsBuilder()
    {
    }

    /// <summary>Creates a builder holding <paramref name="labels"/>.</summary>
    /// <param name="labels">The starting labels.</param>
    public LabelsBuilder(Labels labels) => Reset(labels);

    /// <summary>Number of labels currently held (including any duplicates added with <see cref="Add"/>).</summary>
    public int Count => _labels.Count;

    /// <summary>Removes all labels.</summary>
    public void Clear() => _labels.Clear();

    /// <summary>Replaces the content with <paramref name="labels"/>.</summary>
    /// <param name="labels">The new starting labels.</param>
    public void Reset(Labels labels)
    {
        _labels.Clear();
        foreach (var label in labels)
        {
            _labels.Add(label);
        }
    }

    /// <summary>Appends a label without checking for an existing one; the caller guarantees unique names.</summary>
    /// <param name="name">The label name.</param>
    /// <param name="value">The label value.</param>
    public void Add(string name, string value) => _labels.Add(new Label(name, value));

    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/>; an empty value deletes the label.</summary>
    /// <param name="name">The label name.</param>
    /// <param name="value">The label value.</param>
    /// <returns>This builder.</returns>
    public LabelsBuilder Set(string name, string value)
    {
        var index = Find(name);
        if (value.Length == 0)
        {
            if (index >= 0)
            {
                _labels.RemoveAt(index);
            }
        }
        else if (index >= 0)
        {
            _labels[index] = new Label(name, value);
        }
        else
        {
            _labels.Add(new Label(name, value));
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
            var index = Find(name);
            if (index >= 0)
            {
                _labels.RemoveAt(index);
            }
        }

        return this;
    }

    /// <summary>Keeps only the labels called <paramref name="names"/>.</summary>
    /// <param name="names">Names to keep.</param>
    /// <returns>This builder.</returns>
    public LabelsBuilder Keep(params ReadOnlySpan<string> names)
    {
        for (var i = _labels.Count - 1; i >= 0; i--)
        {
            if (!names.Contains(_labels[i].Name))
            {
                _labels.RemoveAt(i);
            }
        }

        return this;
    }

    /// <summary>The current value of <paramref name="name"/>, or the empty string.</summary>
    /// <param name="name">The label name.</param>
    /// <returns>The value.</returns>
    public string Get(string name)
    {
        var index = Find(name);
        return index >= 0 ? _labels[index].Value : string.Empty;
    }

    /// <summary>Calls <paramref name="action"/> for each label currently held, in no particular order.</summary>
    /// <param name="action">The callback.</param>
    public void ForEach(Action<Label> action)
    {
        foreach (var label in _labels)
        {
            action(label);
        }
    }

    /// <summary>Builds the sorted set; empty values are dropped and for duplicate names the last one wins.</summary>
    /// <returns>The label set.</returns>
    public Labels ToLabels()
    {
        if (_labels.Count == 0)
        {
            return Labels.Empty;
        }

        var array = new Label[_labels.Count];
        var n = 0;
        foreach (var label in _labels)
        {
            if (label.Value.Length > 0)
            {
                array[n++] = label;
            }
        }

        // A stable sort keeps insertion order among equal names so "last one wins" holds.
        var sorted = array.AsSpan(0, n).ToArray()
            .Select((l, i) => (l, i))
            .OrderBy(t => t.l.Name, StringComparer.Ordinal)
            .ThenBy(t => t.i)
            .Select(t => t.l)
            .ToList();
        for (var i = sorted.Count - 1; i > 0; i--)
        {
            if (sorted[i].Name == sorted[i - 1].Name)
            {
                sorted.RemoveAt(i - 1);
            }
        }

        return Labels.FromSortedArrayUnchecked([.. sorted]);
    }

    private int Find(string name)
    {
        for (var i = 0; i < _labels.Count; i++)
        {
            if (_labels[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }
}
