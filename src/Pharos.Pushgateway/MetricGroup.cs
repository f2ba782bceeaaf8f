namespace Pharos.Pushgateway;

/// <summary>
/// The metrics pushed under one grouping key, with the group's push bookkeeping. Immutable: every change to a group
/// stores a new instance, so readers (scrapes, persistence, the UI) never see a half-applied push.
/// </summary>
public sealed class MetricGroup
{
    /// <summary>Creates a group.</summary>
    /// <param name="key">The grouping key.</param>
    /// <param name="families">Family name to stored family.</param>
    /// <param name="pushTime">Last successful change, or null for never (exposed as 0).</param>
    /// <param name="pushTimeStamp">When the push-time family was last written.</param>
    /// <param name="failureTime">Last failed change, or null for never (exposed as 0).</param>
    /// <param name="failureTimeStamp">When the failure-time family was last written.</param>
    /// <param name="expiresAt">When the group expires (TTL extension), or null for never.</param>
    public MetricGroup(
        GroupingKey key,
        IReadOnlyDictionary<string, StoredFamily> families,
        DateTimeOffset? pushTime,
        DateTimeOffset pushTimeStamp,
        DateTimeOffset? failureTime,
        DateTimeOffset failureTimeStamp,
        DateTimeOffset? expiresAt)
    {
        Key = key;
        Families = families;
        PushTime = pushTime;
        PushTimeStamp = pushTimeStamp;
        FailureTime = failureTime;
        FailureTimeStamp = failureTimeStamp;
        ExpiresAt = expiresAt;
    }

    /// <summary>The grouping key.</summary>
    public GroupingKey Key { get; }

    /// <summary>The pushed families by name (without the push-time families).</summary>
    public IReadOnlyDictionary<string, StoredFamily> Families { get; }

    /// <summary>The last successful push, or null when none succeeded.</summary>
    public DateTimeOffset? PushTime { get; }

    /// <summary>The write time of <c>push_time_seconds</c>.</summary>
    public DateTimeOffset PushTimeStamp { get; }

    /// <summary>The last failed push, or null when none failed.</summary>
    public DateTimeOffset? FailureTime { get; }

    /// <summary>The write time of <c>push_failure_time_seconds</c>.</summary>
    public DateTimeOffset FailureTimeStamp { get; }

    /// <summary>When the group expires (only with a TTL), or null.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>Whether the last push succeeded (no failure after the last success), as upstream's <c>last_push_successful</c>.</summary>
    public bool LastPushSuccessful => FailureTime is null || (PushTime is { } p && p >= FailureTime);

    /// <summary>Seconds since the Unix epoch of a push time, 0 for never, as the gauges expose it.</summary>
    /// <param name="time">The time or null.</param>
    /// <returns>The value.</returns>
    public static double ToSeconds(DateTimeOffset? time) =>
        time is { } t ? (t - DateTimeOffset.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond : 0;
}
