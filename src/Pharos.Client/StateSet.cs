using Pharos.Client.Exposition;

namespace Pharos.Client;

/// <summary>
/// A set of named boolean states (at most 64), for example the phase of a job. Each state is exposed as a sample
/// with a label named after the metric; OpenMetrics exposes the type <c>stateset</c>, the Prometheus text format a
/// gauge. The metric's own name is a reserved label name.
/// </summary>
public sealed class StateSet : Metric<StateSet.Child>
{
    private readonly string[] _states;

    internal StateSet(string name, string help, IReadOnlyList<string> states, MetricOptions options, TimeProvider timeProvider)
        : base(name, help, options.LabelNames, MetricType.StateSet, null, timeProvider, name)
    {
        ArgumentNullException.ThrowIfNull(states);
        if (states.Count is 0 or > 64 || states.Any(string.IsNullOrEmpty) || states.Distinct(StringComparer.Ordinal).Count() != states.Count)
        {
            MetricNames.ThrowInvalid($"State set '{name}' needs 1 to 64 distinct, non-empty state names.", nameof(states));
        }

        _states = [.. states];
        InitializeUnlabelled();
    }

    /// <summary>The state names, in exposition order.</summary>
    public IReadOnlyList<string> States => _states;

    /// <summary>Makes <paramref name="state"/> the only true state of the unlabelled series.</summary>
    /// <param name="state">One of <see cref="States"/>.</param>
    public void SetState(string state) => Unlabelled.SetState(state);

    /// <summary>Sets one state of the unlabelled series.</summary>
    /// <param name="state">One of <see cref="States"/>.</param>
    /// <param name="value">Whether the state holds.</param>
    public void Set(string state, bool value) => Unlabelled.Set(state, value);

    internal override bool HasSameShape(Metric other) =>
        base.HasSameShape(other) && ((StateSet)other)._states.SequenceEqual(_states);

    private protected override Child CreateChild(LabelSet labels) => new(this, labels);

    private protected override void CollectChild(MetricWriter writer, Child child) =>
        writer.WriteStateSet(child.Labels, Family.Name, _states, child.Mask);

    private int IndexOf(string state)
    {
        var index = Array.IndexOf(_states, state);
        if (index < 0)
        {
            MetricNames.ThrowInvalid($"'{state}' is not a state of '{Name}'.", nameof(state));
        }

        return index;
    }

    /// <summary>One state set series; the states are one bit mask updated atomically.</summary>
    public sealed class Child : MetricChild
    {
        private readonly StateSet _set;
        private long _mask;

        internal Child(StateSet parent, LabelSet labels)
            : base(parent, labels)
        {
            _set = parent;
        }

        internal ulong Mask => (ulong)Volatile.Read(ref _mask);

        /// <summary>Makes <paramref name="state"/> the only true state.</summary>
        /// <param name="state">One of the family's states.</param>
        public void SetState(string state) => Interlocked.Exchange(ref _mask, 1L << _set.IndexOf(state));

        /// <summary>Sets one state.</summary>
        /// <param name="state">One of the family's states.</param>
        /// <param name="value">Whether the state holds.</param>
        public void Set(string state, bool value)
        {
            var bit = 1L << _set.IndexOf(state);
            if (value)
            {
                Interlocked.Or(ref _mask, bit);
            }
            else
            {
                Interlocked.And(ref _mask, ~bit);
            }
        }

        /// <summary>Whether <paramref name="state"/> holds.</summary>
        /// <param name="state">One of the family's states.</param>
        /// <returns>The state's value.</returns>
        public bool Get(string state) => (Volatile.Read(ref _mask) & (1L << _set.IndexOf(state))) != 0;
    }
}
