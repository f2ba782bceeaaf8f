using Pharos.Model;

namespace Pharos.Alertmanager.Silences;

/// <summary>
/// The silences (upstream <c>silence.Silences</c>): creation, in-place update when only the comment or end moves,
/// expiry, muting queries, garbage collection after the retention and snapshots. Thread-safe.
/// </summary>
public sealed class SilenceStore
{
    private readonly Dictionary<string, Silence> _silences = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _retention;

    /// <summary>Creates an empty store.</summary>
    /// <param name="time">The clock.</param>
    /// <param name="retention">How long expired silences are kept (<c>--data.retention</c>).</param>
    public SilenceStore(TimeProvider time, TimeSpan retention)
    {
        _time = time;
        _retention = retention;
    }

    /// <summary>Raised after any change, for the snapshot writer.</summary>
    public event Action? Changed;

    /// <summary>Creates or updates a silence, as upstream's <c>Silences.Set</c>.</summary>
    /// <param name="silence">The silence; an empty ID creates a new one.</param>
    /// <returns>The ID of the stored silence (a new one when the change could not be made in place).</returns>
    /// <exception cref="SilenceNotFoundException">The ID is given but unknown.</exception>
    /// <exception cref="ArgumentException">The silence is invalid; the message is upstream's.</exception>
    public string Set(Silence silence)
    {
        ArgumentNullException.ThrowIfNull(silence);
        var now = _time.GetUtcNow();
        string id;
        lock (_lock)
        {
            Silence? previous = null;
            if (silence.Id.Length > 0 && !_silences.TryGetValue(silence.Id, out previous))
            {
                throw new SilenceNotFoundException();
            }

            silence = silence with { UpdatedAt = now };
            if (previous is not null && CanUpdate(previous, silence, now))
            {
                Validate(silence);
                _silences[silence.Id] = silence;
                id = silence.Id;
            }
            else
            {
                if (silence.StartsAt < now)
                {
                    silence = silence with { StartsAt = now };
                }

                silence = silence with { Id = Guid.NewGuid().ToString() };
                Validate(silence);
                if (previous is not null && previous.State(now) != "expired")
                {
                    ExpireLocked(previous, now);
                }

                _silences[silence.Id] = silence;
                id = silence.Id;
            }
        }

        Changed?.Invoke();
        return id;
    }

    /// <summary>Expires a silence now.</summary>
    /// <param name="id">The ID.</param>
    /// <exception cref="SilenceNotFoundException">Unknown ID.</exception>
    /// <exception cref="InvalidOperationException">Already expired.</exception>
    public void Expire(string id)
    {
        lock (_lock)
        {
            if (!_silences.TryGetValue(id, out var silence))
            {
                throw new SilenceNotFoundException();
            }

            var now = _time.GetUtcNow();
            if (silence.State(now) == "expired")
            {
                throw new InvalidOperationException($"silence {id} already expired");
            }

            ExpireLocked(silence, now);
        }

        Changed?.Invoke();
    }

    /// <summary>The silence with <paramref name="id"/>.</summary>
    /// <param name="id">The ID.</param>
    /// <param name="silence">The silence.</param>
    /// <returns>True when found.</returns>
    public bool TryGet(string id, out Silence? silence)
    {
        lock (_lock)
        {
            return _silences.TryGetValue(id, out silence);
        }
    }

    /// <summary>Every silence.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<Silence> List()
    {
        lock (_lock)
        {
            return [.. _silences.Values];
        }
    }

    /// <summary>The IDs of active silences that mute <paramref name="labels"/>, sorted.</summary>
    /// <param name="labels">An alert's labels.</param>
    /// <returns>The IDs; empty when not silenced.</returns>
    public IReadOnlyList<string> Mutes(Labels labels)
    {
        var now = _time.GetUtcNow();
        var ids = new List<string>();
        lock (_lock)
        {
            foreach (var s in _silences.Values)
            {
                if (s.State(now) == "active" && s.Matches(labels))
                {
                    ids.Add(s.Id);
                }
            }
        }

        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    /// <summary>Drops silences that expired more than the retention ago.</summary>
    /// <returns>How many were dropped.</returns>
    public int CollectGarbage()
    {
        var cutoff = _time.GetUtcNow() - _retention;
        int removed;
        lock (_lock)
        {
            var old = _silences.Values.Where(s => s.EndsAt < cutoff).Select(s => s.Id).ToList();
            old.ForEach(id => _silences.Remove(id));
            removed = old.Count;
        }

        if (removed > 0)
        {
            Changed?.Invoke();
        }

        return removed;
    }

    /// <summary>Replaces the content with a loaded snapshot.</summary>
    /// <param name="silences">The silences.</param>
    public void Load(IEnumerable<Silence> silences)
    {
        ArgumentNullException.ThrowIfNull(silences);
        lock (_lock)
        {
            _silences.Clear();
            foreach (var s in silences)
            {
                _silences[s.Id] = s;
            }
        }
    }

    /// <summary>Counts silences by state for <c>alertmanager_silences</c>.</summary>
    /// <returns>State to count, with every state present.</returns>
    public Dictionary<string, int> CountByState()
    {
        var now = _time.GetUtcNow();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal) { ["active"] = 0, ["pending"] = 0, ["expired"] = 0 };
        foreach (var s in List())
        {
            counts[s.State(now)]++;
        }

        return counts;
    }

    /// <summary>Checks a silence as upstream's <c>validateSilence</c>.</summary>
    /// <param name="s">The silence.</param>
    /// <exception cref="ArgumentException">The upstream message.</exception>
    public static void Validate(Silence s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.Matchers.Count == 0)
        {
            throw new ArgumentException("at least one matcher required");
        }

        for (var i = 0; i < s.Matchers.Count; i++)
        {
            var m = s.Matchers[i];
            if (!NameValidation.IsValidLabelName(m.Name, NameValidationScheme.Legacy))
            {
                throw new ArgumentException($"invalid label matcher {i}: invalid label name \"{m.Name}\"");
            }
        }

        if (s.Matchers.All(m => m.MatchesEmpty))
        {
            throw new ArgumentException("at least one matcher must not match the empty string");
        }

        if (s.StartsAt == default)
        {
            throw new ArgumentException("invalid zero start timestamp");
        }

        if (s.EndsAt == default)
        {
            throw new ArgumentException("invalid zero end timestamp");
        }

        if (s.EndsAt < s.StartsAt)
        {
            throw new ArgumentException("end time must not be before start time");
        }
    }

    private static bool CanUpdate(Silence a, Silence b, DateTimeOffset now)
    {
        if (!a.Matchers.SequenceEqual(b.Matchers))
        {
            return false;
        }

        return a.State(now) switch
        {
            "active" => b.StartsAt == a.StartsAt && b.EndsAt >= now,
            "pending" => b.StartsAt >= now,
            _ => false,
        };
    }

    private void ExpireLocked(Silence silence, DateTimeOffset now)
    {
        // A pending silence gets start = end = now so it reads as expired, as upstream does.
        _silences[silence.Id] = silence.State(now) == "pending"
            ? silence with { StartsAt = now, EndsAt = now, UpdatedAt = now }
            : silence with { EndsAt = now, UpdatedAt = now };
    }
}

/// <summary>A silence ID that does not exist (upstream's <c>silence.ErrNotFound</c>).</summary>
public sealed class SilenceNotFoundException : Exception
{
    /// <summary>Creates the exception with upstream's message.</summary>
    public SilenceNotFoundException()
        : base("silence not found")
    {
    }
}
