using Pharos.Exposition.Model;
using Pharos.Model;

namespace Pharos.Pushgateway;

/// <summary>
/// The Pushgateway's in-memory state: metric groups by grouping key. Writes are serialised (as upstream's single
/// write loop) and checked for consistency against every other group and the Pushgateway's own metrics before they
/// are applied; a rejected write changes nothing but the group's <c>push_failure_time_seconds</c>. Thread-safe.
/// </summary>
public sealed partial class MetricStore
{
    /// <summary>The name of the last-success gauge of each group.</summary>
    public const string PushTimeMetric = "push_time_seconds";

    /// <summary>The name of the last-failure gauge of each group.</summary>
    public const string PushFailureTimeMetric = "push_failure_time_seconds";

    /// <summary>The help of <see cref="PushTimeMetric"/>.</summary>
    public const string PushTimeHelp = "Last Unix time when changing this group in the Pushgateway succeeded.";

    /// <summary>The help of <see cref="PushFailureTimeMetric"/>.</summary>
    public const string PushFailureTimeHelp = "Last Unix time when changing this group in the Pushgateway failed.";

    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly Func<IReadOnlyList<MetricFamily>> _ownFamilies;
    private readonly TimeSpan _defaultTtl;
    private Dictionary<GroupingKey, MetricGroup> _groups = [];
    private long _version;

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock for push times and TTLs.</param>
    /// <param name="ownFamilies">The Pushgateway's own metrics, merged into scrapes and consistency checks; null for none.</param>
    /// <param name="defaultTtl">The TTL of a group without an <c>X-Pushgateway-TTL</c> header; zero or less for none.</param>
    public MetricStore(TimeProvider? timeProvider = null, Func<IReadOnlyList<MetricFamily>>? ownFamilies = null, TimeSpan defaultTtl = default)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _ownFamilies = ownFamilies ?? (() => []);
        _defaultTtl = defaultTtl;
    }

    /// <summary>Increases on every change; persistence compares it to know whether a write is due.</summary>
    public long Version => Volatile.Read(ref _version);

    /// <summary>Applies a push or deletion.</summary>
    /// <param name="request">The request.</param>
    /// <param name="check">Whether to check consistency (false with <c>--push.disable-consistency-check</c>).</param>
    /// <returns>Null on success, otherwise the reason the push was rejected (nothing but its failure time stored).</returns>
    public string? Write(WriteRequest request, bool check = true)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow();
            SweepLocked(now);
            if (request.Families is null)
            {
                if (_groups.Remove(request.Key))
                {
                    _index.Remove(request.Key);
                    _version++;
                }

                return null;
            }

            _groups.TryGetValue(request.Key, out var existing);
            if (HasTimestamps(request.Families))
            {
                SetFailureLocked(request.Key, existing, now);
                return "pushed metrics must not have timestamps";
            }

            var sanitized = new Dictionary<string, StoredFamily>(StringComparer.Ordinal);
            if (existing is not null && !request.Replace)
            {
                foreach (var (name, family) in existing.Families)
                {
                    sanitized[name] = family;
                }
            }

            foreach (var (name, family) in request.Families)
            {
                sanitized[name] = new StoredFamily(Sanitize(family, request.Key), now);
            }

            var ttl = request.Ttl ?? _defaultTtl;
            var candidate = new MetricGroup(
                request.Key,
                sanitized,
                now,
                now,
                existing?.FailureTime,
                existing?.FailureTimeStamp ?? now,
                ttl > TimeSpan.Zero ? now + ttl : null);
            if (check && Check(candidate, now) is { } problem)
            {
                SetFailureLocked(request.Key, existing, now);
                return problem;
            }

            _groups[request.Key] = candidate;
            _index.Set(candidate);
            _version++;
            return null;
        }
    }

    /// <summary>Deletes every group (<c>PUT /api/v1/admin/wipe</c>).</summary>
    public void Wipe()
    {
        lock (_lock)
        {
            _groups = [];
            _index.Clear();
            _version++;
        }
    }

    /// <summary>The current groups, sorted by grouping key; expired groups are dropped first.</summary>
    /// <returns>A snapshot (the groups are immutable).</returns>
    public IReadOnlyList<MetricGroup> Groups()
    {
        lock (_lock)
        {
            SweepLocked(_timeProvider.GetUtcNow());
            return [.. _groups.Values.OrderBy(g => g.Key)];
        }
    }

    /// <summary>Replaces the state with restored groups (at start, from the persistence file).</summary>
    /// <param name="groups">The groups.</param>
    public void Restore(IEnumerable<MetricGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        lock (_lock)
        {
            _groups = groups.ToDictionary(g => g.Key);
            _index.Clear();
            foreach (var group in _groups.Values)
            {
                _index.Set(group);
            }

            _version++;
        }
    }

    /// <summary>
    /// Sets the group's labels on every point of a pushed family (overriding same-named pushed labels) and keeps the
    /// family otherwise as pushed. Upstream also adds an empty <c>instance</c>; an empty label is the same as none in
    /// the exposition model, so it is implied here and written out only where upstream's JSON shows it.
    /// </summary>
    /// <param name="family">The pushed family.</param>
    /// <param name="key">The grouping key.</param>
    /// <returns>A new family.</returns>
    public static MetricFamily Sanitize(MetricFamily family, GroupingKey key)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(key);
        var result = new MetricFamily(family.Name, family.Type, family.Help, family.Unit) { HasHelp = family.HasHelp };
        var builder = new LabelsBuilder();
        foreach (var point in family.Points)
        {
            builder.Reset(point.Labels);
            foreach (var (name, value) in key.Pairs)
            {
                builder.Set(name, value);
            }

            var copy = new MetricPoint(builder.ToLabels(), point.Value)
            {
                TimestampMs = point.TimestampMs,
                CreatedTimestampMs = point.CreatedTimestampMs,
                Count = point.Count,
                Sum = point.Sum,
                HasSum = point.HasSum,
                HasCount = point.HasCount,
                NativeHistogram = point.NativeHistogram,
            };
            copy.Quantiles.AddRange(point.Quantiles);
            copy.Buckets.AddRange(point.Buckets);
            copy.Exemplars.AddRange(point.Exemplars);
            result.Points.Add(copy);
        }

        return result;
    }

    private static bool HasTimestamps(IReadOnlyDictionary<string, MetricFamily> families)
    {
        foreach (var family in families.Values)
        {
            foreach (var point in family.Points)
            {
                if (point.TimestampMs is not null)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void SetFailureLocked(GroupingKey key, MetricGroup? existing, DateTimeOffset now)
    {
        var group = existing is null
            ? new MetricGroup(key, new Dictionary<string, StoredFamily>(StringComparer.Ordinal), null, now, now, now, null)
            : new MetricGroup(key, existing.Families, existing.PushTime, existing.PushTimeStamp, now, now, existing.ExpiresAt);
        _groups[key] = group;
        _index.Set(group);
        _version++;
    }

    private void SweepLocked(DateTimeOffset now)
    {
        List<GroupingKey>? expired = null;
        foreach (var group in _groups.Values)
        {
            if (group.ExpiresAt is { } at && at <= now)
            {
                (expired ??= []).Add(group.Key);
            }
        }

        if (expired is null)
        {
            return;
        }

        foreach (var key in expired)
        {
            _groups.Remove(key);
            _index.Remove(key);
        }

        _version++;
    }
}
