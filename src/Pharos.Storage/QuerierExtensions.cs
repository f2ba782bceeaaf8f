using Pharos.Model;

namespace Pharos.Storage;

/// <summary>Convenience overloads of <see cref="IQuerier"/> taking matchers as a parameter list.</summary>
public static class QuerierExtensions
{
    /// <summary>Selects series matching all <paramref name="matchers"/>; see <see cref="IQuerier.Select"/>.</summary>
    /// <param name="querier">The querier.</param>
    /// <param name="sortSeries">Whether series must come in label order.</param>
    /// <param name="hints">Optional hints.</param>
    /// <param name="matchers">The matchers.</param>
    /// <returns>The series set.</returns>
    public static ISeriesSet Select(this IQuerier querier, bool sortSeries, SelectHints? hints, params ReadOnlySpan<Matcher> matchers)
    {
        ArgumentNullException.ThrowIfNull(querier);
        return querier.Select(sortSeries, hints, matchers, CancellationToken.None);
    }

    /// <summary>Label values of series matching all <paramref name="matchers"/>; see <see cref="IQuerier.LabelValues"/>.</summary>
    /// <param name="querier">The querier.</param>
    /// <param name="name">The label name.</param>
    /// <param name="hints">Optional hints.</param>
    /// <param name="matchers">The matchers.</param>
    /// <returns>The sorted values and warnings.</returns>
    public static LabelQueryResult LabelValues(this IQuerier querier, string name, LabelHints? hints, params ReadOnlySpan<Matcher> matchers)
    {
        ArgumentNullException.ThrowIfNull(querier);
        return querier.LabelValues(name, hints, matchers, CancellationToken.None);
    }

    /// <summary>Label names of series matching all <paramref name="matchers"/>; see <see cref="IQuerier.LabelNames"/>.</summary>
    /// <param name="querier">The querier.</param>
    /// <param name="hints">Optional hints.</param>
    /// <param name="matchers">The matchers.</param>
    /// <returns>The sorted names and warnings.</returns>
    public static LabelQueryResult LabelNames(this IQuerier querier, LabelHints? hints, params ReadOnlySpan<Matcher> matchers)
    {
        ArgumentNullException.ThrowIfNull(querier);
        return querier.LabelNames(hints, matchers, CancellationToken.None);
    }
}
