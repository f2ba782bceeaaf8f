namespace Pharos.Storage;

/// <summary>
/// An opaque reference to a series inside one storage, returned by <see cref="IAppender"/> to speed up later appends
/// of the same series. The value 0 means "unknown": callers must look the series up by labels and must never cache
/// it. A reference is only meaningful to the storage that issued it and may be rejected (treated as unknown) at any
/// time, for example after the series was garbage-collected; the labels passed with it are then used instead.
/// </summary>
/// <param name="Value">The storage-specific reference number; 0 when unknown.</param>
public readonly record struct SeriesRef(ulong Value)
{
    /// <summary>The unknown reference (0).</summary>
    public static SeriesRef None => default;

    /// <summary>Whether the reference is set (not 0) and may be cached.</summary>
    public bool IsSet => Value != 0;
}
