namespace Pharos.Storage;

/// <summary>
/// The outcome of one append. Expected rejections are reported as status codes, never as exceptions, so a scrape
/// or remote-write batch can count them and carry on; they correspond to Prometheus's storage errors
/// (<c>ErrOutOfOrderSample</c>, <c>ErrOutOfBounds</c>, <c>ErrDuplicateSampleForTimestamp</c>, …).
/// </summary>
public enum AppendStatus : byte
{
    /// <summary>Accepted (also an exact duplicate of an already stored sample, which is a no-op).</summary>
    Ok,

    /// <summary>The timestamp is older than the newest sample of the series and out-of-order ingestion is off.</summary>
    OutOfOrder,

    /// <summary>The timestamp is older than the oldest time the storage still accepts (for example before the head's minimum valid time).</summary>
    OutOfBounds,

    /// <summary>A sample with the same timestamp but a different value (or type) is already stored.</summary>
    DuplicateTimestamp,

    /// <summary>Out-of-order ingestion is on, but the sample is older than the out-of-order time window allows.</summary>
    TooOld,

    /// <summary>The label set cannot be stored: it is empty or malformed (Prometheus's "empty labelset" / invalid sample).</summary>
    InvalidLabels,

    /// <summary>The sample itself is malformed, for example a histogram that fails validation.</summary>
    InvalidSample,

    /// <summary>The series is unknown to the storage (an exemplar or metadata for a series that was never appended).</summary>
    NotFound,

    /// <summary>Native histograms are disabled in this storage.</summary>
    NativeHistogramsDisabled,

    /// <summary>The exemplar is older than the newest exemplar stored for the series.</summary>
    OutOfOrderExemplar,

    /// <summary>The exemplar equals the newest exemplar stored for the series (same labels, value and timestamp).</summary>
    DuplicateExemplar,

    /// <summary>The exemplar's labels exceed <see cref="ExemplarLimits.MaxLabelSetLength"/> UTF-8 characters.</summary>
    ExemplarLabelLength,

    /// <summary>Exemplar storage is disabled.</summary>
    ExemplarsDisabled,
}
