namespace Pharos.Storage;

/// <summary>Limits on exemplars shared by every storage, as in the OpenMetrics specification.</summary>
public static class ExemplarLimits
{
    /// <summary>
    /// The most characters (runes) the names and values of an exemplar's labels may have together; longer exemplars
    /// are rejected with <see cref="AppendStatus.ExemplarLabelLength"/>.
    /// </summary>
    public const int MaxLabelSetLength = 128;

    /// <summary>Whether the exemplar's labels fit in <see cref="MaxLabelSetLength"/>.</summary>
    /// <param name="labels">The exemplar labels.</param>
    /// <returns>True when within the limit.</returns>
    public static bool LabelsFit(in Pharos.Model.Labels labels)
    {
        var runes = 0;
        foreach (var label in labels.Span)
        {
            runes += CountRunes(label.Name) + CountRunes(label.Value);
        }

        return runes <= MaxLabelSetLength;
    }

    private static int CountRunes(string s)
    {
        var n = 0;
        foreach (var _ in s.EnumerateRunes())
        {
            n++;
        }

        return n;
    }
}
