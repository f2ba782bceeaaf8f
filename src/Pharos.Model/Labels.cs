using System.Buffers;
using System.Collections;
using System.Text;

namespace Pharos.Model;

/// <summary>
/// An immutable set of labels sorted by name, with unique names and no empty values. The default value is the
/// empty set. Instances share their backing array freely because nothing mutates it after construction.
/// </summary>
public readonly struct Labels : IEquatable<Labels>, IComparable<Labels>, IReadOnlyList<Label>
{
    private static readonly Label[] NoLabels = [];

    // NOTE: the array is sorted by name and never mutated after construction; see LabelsBuilder.
    private readonly Label[]? _labels;

    internal Labels(Label[] sortedLabels) => _labels = sortedLabels;

    /// <summary>The empty label set.</summary>
    public static Labels Empty => default;

    /// <summary>Number of labels.</summary>
    public int Count => _labels?.Length ?? 0;

    /// <summary>True when the set has no labels.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>The labels as a span, sorted by name.</summary>
    public ReadOnlySpan<Label> Span => _labels ?? NoLabels;

    /// <summary>The label at <paramref name="index"/> in name order.</summary>
    /// <param name="index">Zero-based position.</param>
    public Label this[int index] => Span[index];

    /// <summary>The metric name (value of <c>__name__</c>), or the empty string.</summary>
    public string MetricName => Get(LabelNames.MetricName);

    /// <summary>Builds a label set from alternating names and values; empty values are dropped.</summary>
    /// <param name="nameValuePairs">name1, value1, name2, value2, …</param>
    /// <returns>The sorted label set.</returns>
    /// <exception cref="ArgumentException">The argument count is odd or a name repeats.</exception>
    public static Labels FromStrings(params string[] nameValuePairs)
    {
        if (nameValuePairs.Length % 2 != 0)
        {
            throw new ArgumentException("Labels need name/value pairs.", nameof(nameValuePairs));
        }

        var list = new List<Label>(nameValuePairs.Length / 2);
        for (var i = 0; i < nameValuePairs.Length; i += 2)
        {
            list.Add(new Label(nameValuePairs[i], nameValuePairs[i + 1]));
        }

        return FromLabels(list);
    }

    /// <summary>Builds a label set from any labels; empty values are dropped.</summary>
    /// <param name="labels">Labels in any order.</param>
    /// <returns>The sorted label set.</returns>
    /// <exception cref="ArgumentException">A name repeats.</exception>
    public static Labels FromLabels(IEnumerable<Label> labels)
    {
        Label[] array = [.. labels];

        var n = 0;
        foreach (var label in array)
        {
            if (label.Value.Length > 0)
            {
                array[n++] = label;
            }
        }

        if (n == 0)
        {
            return Empty;
        }

        if (n != array.Length)
        {
            Array.Resize(ref array, n);
        }

        Array.Sort(array, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (var i = 1; i < array.Length; i++)
        {
            if (array[i].Name == array[i - 1].Name)
            {
                throw new ArgumentException($"Duplicate label name \"{array[i].Name}\".", nameof(labels));
            }
        }

        return new Labels(array);
    }

    /// <summary>The value of label <paramref name="name"/>, or the empty string when absent.</summary>
    /// <param name="name">The label name.</param>
    /// <returns>The value or <see cref="string.Empty"/>.</returns>
    public string Get(string name)
    {
        var index = IndexOf(name);
        return index >= 0 ? _labels![index].Value : string.Empty;
    }

    /// <summary>True when the set has a label called <paramref name="name"/>.</summary>
    /// <param name="name">The label name.</param>
    /// <returns>Whether the label is present.</returns>
    public bool Has(string name) => IndexOf(name) >= 0;

    /// <summary>Binary search for <paramref name="name"/>.</summary>
    /// <param name="name">The label name.</param>
    /// <returns>The index, or a negative number when absent.</returns>
    public int IndexOf(string name)
    {
        var span = Span;
        int lo = 0, hi = span.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = string.CompareOrdinal(span[mid].Name, name);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    /// <summary>
    /// A deterministic 64-bit hash of the whole set: XXH64 over <c>name 0xff value 0xff</c> for each label in
    /// order, as Prometheus computes it.
    /// </summary>
    /// <returns>The hash.</returns>
    public ulong Hash() => HashSelected(HashMode.All, null);

    /// <summary>The hash of only the labels named in <paramref name="names"/> (sorted or not).</summary>
    /// <param name="names">Names to include.</param>
    /// <returns>The hash.</returns>
    public ulong HashForLabels(IReadOnlyCollection<string> names) => HashSelected(HashMode.Only, names);

    /// <summary>The hash of all labels except <c>__name__</c> and those named in <paramref name="names"/>.</summary>
    /// <param name="names">Names to leave out.</param>
    /// <returns>The hash.</returns>
    public ulong HashWithoutLabels(IReadOnlyCollection<string> names) => HashSelected(HashMode.Without, names);

    private enum HashMode : byte
    {
        All,
        Only,
        Without,
    }

    private static bool Includes(HashMode mode, IReadOnlyCollection<string>? names, string name) => mode switch
    {
        HashMode.Only => names!.Contains(name),
        HashMode.Without => name != LabelNames.MetricName && !names!.Contains(name),
        _ => true,
    };

    private ulong HashSelected(HashMode mode, IReadOnlyCollection<string>? names)
    {
        // The byte layout is Prometheus's: name 0xff value 0xff for each included label, in name order. Most label
        // sets fit the stack buffer; larger ones rent. Hashing the whole buffer at once gives the same digest as
        // Prometheus's streaming path for sets above its own 1 KiB buffer.
        var span = Span;
        var size = 0;
        foreach (var label in span)
        {
            if (Includes(mode, names, label.Name))
            {
                size += Encoding.UTF8.GetMaxByteCount(label.Name.Length) + Encoding.UTF8.GetMaxByteCount(label.Value.Length) + 2;
            }
        }

        byte[]? rented = null;
        var buffer = size <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(size));
        var written = 0;
        foreach (var label in span)
        {
            if (!Includes(mode, names, label.Name))
            {
                continue;
            }

            written += Encoding.UTF8.GetBytes(label.Name, buffer[written..]);
            buffer[written++] = 0xff;
            written += Encoding.UTF8.GetBytes(label.Value, buffer[written..]);
            buffer[written++] = 0xff;
        }

        var hash = XxHash64.Hash(buffer[..written]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return hash;
    }

    /// <summary>
    /// Checks the set against <paramref name="scheme"/>: every name valid, names unique and sorted, every value
    /// non-empty and valid UTF-8. Sets built by <see cref="FromLabels"/> or <see cref="LabelsBuilder"/> are sorted
    /// and unique by construction; names and values come from outside and may not be valid.
    /// </summary>
    /// <param name="scheme">The name validation scheme.</param>
    /// <param name="error">A description of the first problem found, or null.</param>
    /// <returns>True when valid.</returns>
    public bool TryValidate(NameValidationScheme scheme, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        var span = Span;
        for (var i = 0; i < span.Length; i++)
        {
            var label = span[i];
            var valid = label.Name == LabelNames.MetricName
                ? NameValidation.IsValidMetricName(label.Value, scheme)
                : NameValidation.IsValidLabelName(label.Name, scheme);
            if (!valid)
            {
                error = label.Name == LabelNames.MetricName
                    ? $"invalid metric name \"{label.Value}\""
                    : $"invalid label name \"{label.Name}\"";
                return false;
            }

            if (label.Value.Length == 0)
            {
                error = $"label \"{label.Name}\" has an empty value";
                return false;
            }

            if (!NameValidation.IsValidLabelValue(label.Value))
            {
                error = $"label \"{label.Name}\" has a value that is not valid UTF-8";
                return false;
            }

            if (i > 0)
            {
                var c = string.CompareOrdinal(span[i - 1].Name, label.Name);
                if (c == 0)
                {
                    error = $"duplicate label name \"{label.Name}\"";
                    return false;
                }

                if (c > 0)
                {
                    error = $"labels are not sorted: \"{span[i - 1].Name}\" before \"{label.Name}\"";
                    return false;
                }
            }
        }

        error = null;
        return true;
    }

    /// <summary>Whether the set passes <see cref="TryValidate"/>.</summary>
    /// <param name="scheme">The name validation scheme.</param>
    /// <returns>True when valid.</returns>
    public bool IsValid(NameValidationScheme scheme = NameValidationScheme.Utf8) => TryValidate(scheme, out _);

    /// <summary>A copy without the label called <paramref name="name"/>.</summary>
    /// <param name="name">The label to drop.</param>
    /// <returns>The new set (this one when the label is absent).</returns>
    public Labels Without(string name)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            return this;
        }

        var copy = new Label[Count - 1];
        Span[..index].CopyTo(copy);
        Span[(index + 1)..].CopyTo(copy.AsSpan(index));
        return new Labels(copy);
    }

    /// <inheritdoc />
    public bool Equals(Labels other) => Span.SequenceEqual(other.Span);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Labels other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (int)Hash();

    /// <summary>Orders label sets as Prometheus does: label by label, names first, then values.</summary>
    /// <param name="other">The other set.</param>
    /// <returns>Negative, zero or positive.</returns>
    public int CompareTo(Labels other)
    {
        var a = Span;
        var b = other.Span;
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var c = string.CompareOrdinal(a[i].Name, b[i].Name);
            if (c != 0)
            {
                return c;
            }

            c = string.CompareOrdinal(a[i].Value, b[i].Value);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    /// <summary>Equality of two label sets.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(Labels left, Labels right) => left.Equals(right);

    /// <summary>Inequality of two label sets.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(Labels left, Labels right) => !left.Equals(right);

    /// <summary>Compares two label sets.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>Whether left sorts first.</returns>
    public static bool operator <(Labels left, Labels right) => left.CompareTo(right) < 0;

    /// <summary>Compares two label sets.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>Whether left sorts last.</returns>
    public static bool operator >(Labels left, Labels right) => left.CompareTo(right) > 0;

    /// <summary>Compares two label sets.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>Whether left sorts first or equal.</returns>
    public static bool operator <=(Labels left, Labels right) => left.CompareTo(right) <= 0;

    /// <summary>Compares two label sets.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>Whether left sorts last or equal.</returns>
    public static bool operator >=(Labels left, Labels right) => left.CompareTo(right) >= 0;

    /// <summary>Formats as <c>{a="1", b="2"}</c>, the way Prometheus prints label sets.</summary>
    /// <returns>The text form.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder("{");
        var first = true;
        foreach (var label in Span)
        {
            if (!first)
            {
                sb.Append(", ");
            }

            first = false;

            // Prometheus 3 quotes names outside the legacy character set so the output stays parseable.
            if (NameValidation.IsLegacyLabelName(label.Name))
            {
                sb.Append(label.Name);
            }
            else
            {
                GoQuoting.AppendQuoted(sb, label.Name);
            }

            sb.Append('=');
            GoQuoting.AppendQuoted(sb, label.Value);
        }

        return sb.Append('}').ToString();
    }

    /// <summary>Enumerates the labels in name order.</summary>
    /// <returns>A struct enumerator.</returns>
    public ReadOnlySpan<Label>.Enumerator GetEnumerator() => Span.GetEnumerator();

    IEnumerator<Label> IEnumerable<Label>.GetEnumerator() => ((IEnumerable<Label>)(_labels ?? NoLabels)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => (_labels ?? NoLabels).GetEnumerator();

    /// <summary>Wraps an array the caller guarantees is sorted, unique and never mutated again.</summary>
    /// <param name="sortedLabels">The labels, sorted by name.</param>
    /// <returns>The label set.</returns>
    internal static Labels FromSortedArrayUnchecked(Label[] sortedLabels) =>
        sortedLabels.Length == 0 ? Empty : new Labels(sortedLabels);

    internal Label[] UnsafeArray => _labels ?? NoLabels;
}
