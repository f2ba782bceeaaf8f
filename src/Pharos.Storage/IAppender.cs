using Pharos.Model;

namespace Pharos.Storage;

/// <summary>
/// A batch of appends. Single-use and not thread-safe: one caller appends, then calls <see cref="Commit"/> or
/// <see cref="Rollback"/> exactly once; the appender must not be used afterwards. Nothing appended is visible to
/// queriers before <see cref="Commit"/>. Within one series, samples must be appended in timestamp order; the order of
/// samples is preserved per series and not re-sorted.
/// </summary>
/// <remarks>
/// Expected rejections (out of order, duplicates, bounds) are returned as <see cref="AppendStatus"/> and leave the
/// batch usable; only storage failures (a full disk, a closed storage) throw, typically from <see cref="Commit"/>.
/// </remarks>
public interface IAppender
{
    /// <summary>Appends a float sample.</summary>
    /// <param name="series">
    /// In: a reference returned earlier by this storage, or 0 to look the series up (or create it) by
    /// <paramref name="labels"/>. Out: the series' reference, or 0 when it must not be cached. An unknown non-zero
    /// reference is treated as 0.
    /// </param>
    /// <param name="labels">The series labels; read during the call only, but may be retained by the storage (labels are immutable).</param>
    /// <param name="timestampMs">Milliseconds since the Unix epoch.</param>
    /// <param name="value">The value; <see cref="StaleMarker.StaleNaN"/> marks the series stale.</param>
    /// <returns><see cref="AppendStatus.Ok"/> or the reason for rejecting the sample.</returns>
    AppendStatus Append(ref SeriesRef series, in Labels labels, long timestampMs, double value);

    /// <summary>Appends an integer native histogram sample (the compact form the TSDB stores as is).</summary>
    /// <param name="series">As in <see cref="Append"/>.</param>
    /// <param name="labels">The series labels.</param>
    /// <param name="timestampMs">Milliseconds since the Unix epoch.</param>
    /// <param name="histogram">
    /// The histogram. The storage may keep a reference to it: the caller must not mutate it after the call.
    /// </param>
    /// <returns><see cref="AppendStatus.Ok"/> or the reason for rejecting the sample.</returns>
    AppendStatus AppendHistogram(ref SeriesRef series, in Labels labels, long timestampMs, Histogram histogram);

    /// <summary>Appends a float native histogram sample.</summary>
    /// <param name="series">As in <see cref="Append"/>.</param>
    /// <param name="labels">The series labels.</param>
    /// <param name="timestampMs">Milliseconds since the Unix epoch.</param>
    /// <param name="histogram">
    /// The histogram. The storage may keep a reference to it: the caller must not mutate it after the call.
    /// </param>
    /// <returns><see cref="AppendStatus.Ok"/> or the reason for rejecting the sample.</returns>
    AppendStatus AppendHistogram(ref SeriesRef series, in Labels labels, long timestampMs, FloatHistogram histogram);

    /// <summary>Appends an exemplar to a series that already exists (appended earlier in this or another batch).</summary>
    /// <param name="series">The series' reference, or 0 to look it up by <paramref name="labels"/>.</param>
    /// <param name="labels">The series labels (not the exemplar's).</param>
    /// <param name="exemplar">The exemplar; its labels may be retained.</param>
    /// <returns><see cref="AppendStatus.Ok"/> or the reason for rejecting the exemplar.</returns>
    AppendStatus AppendExemplar(SeriesRef series, in Labels labels, in Exemplar exemplar);

    /// <summary>Records the metadata (type, help, unit) of a series; applied on <see cref="Commit"/>. Unknown series are ignored.</summary>
    /// <param name="series">The series' reference, or 0 to look it up by <paramref name="labels"/>.</param>
    /// <param name="labels">The series labels.</param>
    /// <param name="metadata">The metadata.</param>
    void UpdateMetadata(SeriesRef series, in Labels labels, in Metadata metadata);

    /// <summary>Makes every accepted append of the batch visible at once. The appender is finished afterwards.</summary>
    /// <exception cref="InvalidOperationException">The appender was already committed or rolled back.</exception>
    void Commit();

    /// <summary>Discards the batch. The appender is finished afterwards.</summary>
    /// <exception cref="InvalidOperationException">The appender was already committed or rolled back.</exception>
    void Rollback();
}
