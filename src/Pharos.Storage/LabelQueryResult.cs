namespace Pharos.Storage;

/// <summary>The answer to <see cref="IQuerier.LabelNames"/> or <see cref="IQuerier.LabelValues"/>.</summary>
/// <param name="Values">Distinct strings in ordinal order; owned by the caller.</param>
/// <param name="Warnings">Non-fatal problems (for example a failed secondary source); empty when none.</param>
public readonly record struct LabelQueryResult(IReadOnlyList<string> Values, IReadOnlyList<string> Warnings)
{
    /// <summary>A result with no values and no warnings.</summary>
    public static LabelQueryResult Empty => new([], []);

    /// <summary>A result with the given values and no warnings.</summary>
    /// <param name="values">The sorted values.</param>
    /// <returns>The result.</returns>
    public static LabelQueryResult Of(IReadOnlyList<string> values) => new(values, []);
}
