using Pharos.Model;

namespace Pharos.Web;

/// <summary>Exemplar storage for <c>/api/v1/query_exemplars</c> (upstream <c>ExemplarQueryable</c>). Thread-safe.</summary>
public interface IExemplarQueryable
{
    /// <summary>The exemplars in a time range of series matching any of the selectors.</summary>
    /// <param name="startMs">Inclusive start.</param>
    /// <param name="endMs">Inclusive end.</param>
    /// <param name="matcherSets">One matcher array per selector; a series matching any is included.</param>
    /// <returns>Per series, its exemplars oldest first.</returns>
    IReadOnlyList<(Labels SeriesLabels, IReadOnlyList<Exemplar> Exemplars)> Select(long startMs, long endMs, IReadOnlyList<Matcher[]> matcherSets);
}
