using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Pharos.Client.Exposition;

namespace Pharos.Client;

/// <summary>
/// A metric family whose children are of type <typeparamref name="TChild"/>. A family without label names has one
/// child, used by the family's own methods; a labelled family creates children on first use of
/// <see cref="WithLabels"/> and caches them.
/// </summary>
/// <typeparam name="TChild">The child type carrying the operations (increment, observe, …).</typeparam>
public abstract class Metric<TChild> : Metric
    where TChild : MetricChild
{
    private readonly ConcurrentDictionary<string[], TChild> _children = new(LabelValuesComparer.Instance);
    private TChild? _unlabelled;
    private readonly Lock _sortLock = new();
    private int _version;
    private int _sortedVersion = -1;
    private TChild[] _sorted = [];

    private protected Metric(string name, string help, IReadOnlyList<string>? labelNames, MetricType type, string? unit, TimeProvider timeProvider, params ReadOnlySpan<string> reservedLabels)
        : base(name, help, labelNames, type, unit, timeProvider, reservedLabels)
    {
    }

    /// <summary>
    /// Returns the child for these label values, creating it on first use. The lookup allocates nothing once the
    /// child exists, but on hot paths keep the returned handle and reuse it.
    /// </summary>
    /// <param name="labelValues">One value per label name, in order; none may be null.</param>
    /// <returns>The cached child.</returns>
    public TChild WithLabels(params ReadOnlySpan<string> labelValues)
    {
        var lookup = _children.GetAlternateLookup<ReadOnlySpan<string>>();
        return lookup.TryGetValue(labelValues, out var child) ? child : AddChild(labelValues);
    }

    /// <summary>Stops exporting the child with these label values. Handles already held keep working but are no longer exported.</summary>
    /// <param name="labelValues">The label values of the child to remove.</param>
    /// <returns>True when a child was removed.</returns>
    public bool Remove(params ReadOnlySpan<string> labelValues)
    {
        var lookup = _children.GetAlternateLookup<ReadOnlySpan<string>>();
        if (!lookup.TryRemove(labelValues, out _, out _))
        {
            return false;
        }

        Interlocked.Increment(ref _version);
        return true;
    }

    /// <summary>Removes every labelled child.</summary>
    public void Clear()
    {
        _children.Clear();
        Interlocked.Increment(ref _version);
    }

    /// <summary>The children currently exported, in label-value order.</summary>
    /// <returns>A snapshot array.</returns>
    public IReadOnlyList<TChild> GetChildren() => _unlabelled is not null ? [_unlabelled] : SortedChildren();

    /// <summary>The child of a family without labels.</summary>
    private protected TChild Unlabelled => _unlabelled ?? ThrowLabelled();

    /// <summary>Creates the child of an unlabelled family; call at the end of the derived constructor.</summary>
    private protected void InitializeUnlabelled()
    {
        if (LabelNames.Count == 0)
        {
            _unlabelled = CreateChild(LabelSet.Empty);
        }
    }

    private protected abstract TChild CreateChild(LabelSet labels);

    private protected abstract void CollectChild(MetricWriter writer, TChild child);

    internal sealed override void Collect(MetricWriter writer)
    {
        if (_unlabelled is not null)
        {
            writer.BeginFamily(Family);
            CollectChild(writer, _unlabelled);
            writer.EndFamily();
            return;
        }

        var children = SortedChildren();
        if (children.Length == 0)
        {
            return;
        }

        writer.BeginFamily(Family);
        foreach (var child in children)
        {
            CollectChild(writer, child);
        }

        writer.EndFamily();
    }

    private TChild[] SortedChildren()
    {
        // Children are sorted once per change, not once per scrape: the version counter says when to re-sort.
        var version = Volatile.Read(ref _version);
        if (version == Volatile.Read(ref _sortedVersion))
        {
            return Volatile.Read(ref _sorted);
        }

        lock (_sortLock)
        {
            version = Volatile.Read(ref _version);
            var sorted = _children.Values.ToArray();
            Array.Sort(sorted, static (a, b) => LabelValuesComparer.Compare(a.Labels.Values, b.Labels.Values));
            Volatile.Write(ref _sorted, sorted);
            Volatile.Write(ref _sortedVersion, version);
            return sorted;
        }
    }

    private TChild AddChild(ReadOnlySpan<string> labelValues)
    {
        if (labelValues.Length != LabelNames.Count)
        {
            MetricNames.ThrowInvalid($"Metric '{Name}' has {LabelNames.Count} label names but {labelValues.Length} values were given.", nameof(labelValues));
        }

        if (LabelNames.Count == 0)
        {
            return Unlabelled;
        }

        var values = labelValues.ToArray();
        foreach (var value in values)
        {
            if (value is null)
            {
                MetricNames.ThrowInvalid($"Label values of metric '{Name}' must not be null.", nameof(labelValues));
            }
        }

        var names = (string[])LabelNames;
        var child = _children.GetOrAdd(values, static (key, state) => state.Self.CreateChild(new LabelSet(state.Names, key)), (Self: this, Names: names));
        Interlocked.Increment(ref _version);
        return child;
    }

    [DoesNotReturn]
    private TChild ThrowLabelled() =>
        throw new InvalidOperationException($"Metric '{Name}' has labels ({string.Join(", ", LabelNames)}); call WithLabels(...) to get a child first.");
}
