namespace Pharos.Storage;

/// <summary>Ready-made series sets.</summary>
public static class SeriesSet
{
    /// <summary>A set without series, errors or warnings. Stateless, so one instance serves everyone.</summary>
    public static ISeriesSet Empty { get; } = new EmptySeriesSet();

    /// <summary>A set that yields the given series in order.</summary>
    /// <param name="series">The series.</param>
    /// <returns>A new set.</returns>
    public static ISeriesSet FromList(params ISeries[] series) => new ListSeriesSet(series);

    /// <summary>A set that reports <paramref name="error"/> and yields nothing.</summary>
    /// <param name="error">The error.</param>
    /// <returns>A new set.</returns>
    public static ISeriesSet FromError(Exception error) => new ErrorSeriesSet(error);

    private sealed class EmptySeriesSet : ISeriesSet
    {
        public ISeries Current => throw new InvalidOperationException("The empty series set has no series.");

        public Exception? Error => null;

        public IReadOnlyList<string> Warnings => [];

        public bool Next() => false;
    }
}
