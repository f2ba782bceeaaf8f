namespace Pharos.PromQL.Parser;

/// <summary>
/// A half-open range <c>[Start, End)</c> of character offsets into the query text, as upstream's
/// <c>posrange.PositionRange</c> (which counts bytes; Pharos counts UTF-16 chars and converts to UTF-8 columns only
/// when printing an error).
/// </summary>
/// <param name="Start">Offset of the first character.</param>
/// <param name="End">Offset after the last character.</param>
public readonly record struct PositionRange(int Start, int End)
{
    /// <summary>A range covering both <paramref name="a"/> and <paramref name="b"/>.</summary>
    /// <param name="a">One range.</param>
    /// <param name="b">The other range.</param>
    /// <returns>The smallest range holding both.</returns>
    public static PositionRange Merge(PositionRange a, PositionRange b) =>
        new(Math.Min(a.Start, b.Start), Math.Max(a.End, b.End));
}
