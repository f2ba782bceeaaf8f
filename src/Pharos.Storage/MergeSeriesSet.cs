namespace Pharos.Storage;

/// <summary>
/// Merges series sets that are each sorted by labels into one sorted set; a series present in several sets is
/// returned once, as a <see cref="ChainedSeries"/> of its parts. Not thread-safe; single pass. The first error of
/// any part ends the merge and is reported by <see cref="Error"/>.
/// </summary>
public sealed class MergeSeriesSet : ISeriesSet
{
    private readonly ISeriesSet[] _sets;
    private readonly bool[] _has;
    private readonly List<int> _members = [];
    private bool _started;
    private ISeries? _current;
    private Exception? _error;

    /// <summary>Creates the merge.</summary>
    /// <param name="sets">Sets sorted by labels, in priority order for equal timestamps; the merge owns them.</param>
    public MergeSeriesSet(params ISeriesSet[] sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        _sets = sets;
        _has = new bool[sets.Length];
    }

    /// <inheritdoc/>
    public ISeries Current => _current ?? throw new InvalidOperationException("Next has not returned true.");

    /// <inheritdoc/>
    public Exception? Error => _error;

    /// <inheritdoc/>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            List<string>? all = null;
            foreach (var set in _sets)
            {
                if (set.Warnings.Count > 0)
                {
                    all ??= [];
                    foreach (var w in set.Warnings)
                    {
                        if (!all.Contains(w))
                        {
                            all.Add(w);
                        }
                    }
                }
            }

            return all ?? (IReadOnlyList<string>)[];
        }
    }

    /// <inheritdoc/>
    public bool Next()
    {
        if (_error is not null)
        {
            return false;
        }

        if (!_started)
        {
            _started = true;
            for (var i = 0; i < _sets.Length; i++)
            {
                Advance(i);
            }
        }
        else
        {
            foreach (var i in _members)
            {
                Advance(i);
            }
        }

        _members.Clear();
        _current = null;
        if (_error is not null)
        {
            return false;
        }

        var best = -1;
        for (var i = 0; i < _sets.Length; i++)
        {
            if (!_has[i])
            {
                continue;
            }

            var c = best < 0 ? -1 : _sets[i].Current.Labels.CompareTo(_sets[best].Current.Labels);
            if (c < 0)
            {
                best = i;
                _members.Clear();
                _members.Add(i);
            }
            else if (c == 0)
            {
                _members.Add(i);
            }
        }

        if (best < 0)
        {
            return false;
        }

        if (_members.Count == 1)
        {
            _current = _sets[best].Current;
        }
        else
        {
            var parts = new ISeries[_members.Count];
            for (var k = 0; k < parts.Length; k++)
            {
                parts[k] = _sets[_members[k]].Current;
            }

            _current = new ChainedSeries(parts[0].Labels, parts);
        }

        return true;
    }

    private void Advance(int i)
    {
        _has[i] = _sets[i].Next();
        if (!_has[i] && _sets[i].Error is { } error)
        {
            _error ??= error;
        }
    }
}
