namespace Pharos.Alertmanager.Notify;

/// <summary>
/// The notification log (upstream <c>nflog</c>): for each group key and receiver integration, which alerts were
/// firing and resolved in the last successful notification and when. Deduplication reads it; entries expire after
/// the retention. Thread-safe.
/// </summary>
public sealed class NotificationLog
{
    private readonly Dictionary<string, NotificationLogEntry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _retention;

    /// <summary>Creates an empty log.</summary>
    /// <param name="time">The clock.</param>
    /// <param name="retention">How long entries are kept (<c>--data.retention</c>).</param>
    public NotificationLog(TimeProvider time, TimeSpan retention)
    {
        _time = time;
        _retention = retention;
    }

    /// <summary>Raised after any change, for the snapshot writer.</summary>
    public event Action? Changed;

    /// <summary>Records a successful notification.</summary>
    /// <param name="receiver">The receiver integration.</param>
    /// <param name="groupKey">The group key.</param>
    /// <param name="firing">Hashes of the firing alerts notified.</param>
    /// <param name="resolved">Hashes of the resolved alerts notified.</param>
    public void Log(ReceiverKey receiver, string groupKey, IReadOnlyCollection<ulong> firing, IReadOnlyCollection<ulong> resolved)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            _entries[Key(receiver, groupKey)] = new NotificationLogEntry(receiver, groupKey, [.. firing], [.. resolved], now, now + _retention);
        }

        Changed?.Invoke();
    }

    /// <summary>The last entry for a receiver integration and group.</summary>
    /// <param name="receiver">The receiver integration.</param>
    /// <param name="groupKey">The group key.</param>
    /// <returns>The entry, or null.</returns>
    public NotificationLogEntry? Query(ReceiverKey receiver, string groupKey)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        lock (_lock)
        {
            return _entries.GetValueOrDefault(Key(receiver, groupKey));
        }
    }

    /// <summary>Every entry.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<NotificationLogEntry> List()
    {
        lock (_lock)
        {
            return [.. _entries.Values];
        }
    }

    /// <summary>Replaces the content with a loaded snapshot.</summary>
    /// <param name="entries">The entries.</param>
    public void Load(IEnumerable<NotificationLogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (_lock)
        {
            _entries.Clear();
            foreach (var e in entries)
            {
                _entries[Key(e.Receiver, e.GroupKey)] = e;
            }
        }
    }

    /// <summary>Drops expired entries.</summary>
    /// <returns>How many were dropped.</returns>
    public int CollectGarbage()
    {
        var now = _time.GetUtcNow();
        int removed;
        lock (_lock)
        {
            var old = _entries.Where(e => e.Value.ExpiresAt <= now).Select(e => e.Key).ToList();
            old.ForEach(k => _entries.Remove(k));
            removed = old.Count;
        }

        if (removed > 0)
        {
            Changed?.Invoke();
        }

        return removed;
    }

    private static string Key(ReceiverKey r, string groupKey) => $"{groupKey}\u0000{r.GroupName}\u0000{r.Integration}\u0000{r.Index}";
}

/// <summary>Identifies one integration of a receiver (upstream <c>nflogpb.Receiver</c>).</summary>
/// <param name="GroupName">The receiver name.</param>
/// <param name="Integration">The integration type, e.g. <c>webhook</c>.</param>
/// <param name="Index">The index among the receiver's integrations of that type.</param>
public sealed record ReceiverKey(string GroupName, string Integration, int Index);

/// <summary>One notification log entry.</summary>
/// <param name="Receiver">The receiver integration.</param>
/// <param name="GroupKey">The group key.</param>
/// <param name="FiringAlerts">Hashes of the firing alerts notified.</param>
/// <param name="ResolvedAlerts">Hashes of the resolved alerts notified.</param>
/// <param name="Timestamp">When the notification was sent.</param>
/// <param name="ExpiresAt">When the entry is dropped.</param>
public sealed record NotificationLogEntry(ReceiverKey Receiver, string GroupKey, IReadOnlyList<ulong> FiringAlerts, IReadOnlyList<ulong> ResolvedAlerts, DateTimeOffset Timestamp, DateTimeOffset ExpiresAt)
{
    /// <summary>Whether every alert in <paramref name="firing"/> was firing in this entry.</summary>
    /// <param name="firing">Current firing hashes.</param>
    /// <returns>True when a subset.</returns>
    public bool IsFiringSubset(IReadOnlySet<ulong> firing) => firing.All(FiringAlerts.Contains);

    /// <summary>Whether every alert in <paramref name="resolved"/> was resolved in this entry.</summary>
    /// <param name="resolved">Current resolved hashes.</param>
    /// <returns>True when a subset.</returns>
    public bool IsResolvedSubset(IReadOnlySet<ulong> resolved) => resolved.All(ResolvedAlerts.Contains);
}
