namespace Pharos.Storage;

/// <summary>A series set with no series that reports an error, for a selection that failed before producing anything.</summary>
public sealed class ErrorSeriesSet : ISeriesSet
{
    /// <summary>Creates the set.</summary>
    /// <param name="error">The error to report.</param>
    /// <param name="warnings">Warnings to report, or null.</param>
    public ErrorSeriesSet(Exception error, IReadOnlyList<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
        Warnings = warnings ?? [];
    }

    /// <inheritdoc/>
    public ISeries Current => throw new InvalidOperationException("An error series set has no series.");

    /// <inheritdoc/>
    public Exception Error { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> Warnings { get; }

    /// <inheritdoc/>
    public bool Next() => false;
}
