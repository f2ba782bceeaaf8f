using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pharos.Model;
using Pharos.Storage;

namespace Pharos.Web.Api;

/// <summary>The metadata endpoints over storage: <c>series</c>, <c>labels</c>, <c>label/&lt;name&gt;/values</c>.</summary>
public sealed partial class ApiV1
{
    private const string TruncatedWarning = "results truncated due to limit";

    internal ApiResult Series(ApiParameters parameters, HttpContext context)
    {
        if (parameters.Values("match[]").Count == 0)
        {
            throw new ApiException(ApiErrorType.BadData, "no match[] parameter provided");
        }

        var limit = parameters.Limit();
        var startMs = parameters.TimeOrDefault("start", ApiParameters.MinTimeMs);
        var endMs = parameters.TimeOrDefault("end", ApiParameters.MaxTimeMs);
        var sets = parameters.MatcherSets();
        var warnings = new List<string>();
        var found = new HashSet<Labels>();
        using (var querier = _queryable.CreateQuerier(startMs, endMs))
        {
            var hints = new SelectHints { StartMs = startMs, EndMs = endMs, Func = "series", Limit = limit > 0 ? limit + 1 : 0 };
            foreach (var set in sets)
            {
                var series = querier.Select(false, hints, set, context.RequestAborted);
                while (series.Next())
                {
                    found.Add(series.Current.Labels);
                }

                if (series.Error is { } error)
                {
                    throw StorageError(error);
                }

                warnings.AddRange(series.Warnings);
            }
        }

        var sorted = found.ToList();
        sorted.Sort();
        if (limit > 0 && sorted.Count > limit)
        {
            sorted.RemoveRange(limit, sorted.Count - limit);
            warnings.Add(TruncatedWarning);
        }

        return new ApiResult(
            writer =>
            {
                writer.WriteStartArray();
                foreach (var labels in sorted)
                {
                    ApiJson.WriteLabels(writer, labels);
                }

                writer.WriteEndArray();
            },
            warnings);
    }

    internal ApiResult LabelNames(ApiParameters parameters, HttpContext context)
    {
        var limit = parameters.Limit();
        var startMs = parameters.TimeOrDefault("start", ApiParameters.MinTimeMs);
        var endMs = parameters.TimeOrDefault("end", ApiParameters.MaxTimeMs);
        var sets = parameters.MatcherSets();
        return LabelResult(sets, limit, startMs, endMs, (querier, hints, matchers) => querier.LabelNames(hints, matchers, context.RequestAborted));
    }

    internal ApiResult LabelValues(ApiParameters parameters, HttpContext context)
    {
        var name = context.GetRouteValue("name") as string ?? string.Empty;
        if (name.StartsWith("U__", StringComparison.Ordinal))
        {
            name = LabelNameEscaping.Unescape(name);
        }

        if (name.Length == 0 || !NameValidation.IsValidLabelName(name))
        {
            throw new ApiException(ApiErrorType.BadData, $"invalid label name: \"{name}\"");
        }

        var limit = parameters.Limit();
        var startMs = parameters.TimeOrDefault("start", ApiParameters.MinTimeMs);
        var endMs = parameters.TimeOrDefault("end", ApiParameters.MaxTimeMs);
        var sets = parameters.MatcherSets();
        return LabelResult(sets, limit, startMs, endMs, (querier, hints, matchers) => querier.LabelValues(name, hints, matchers, context.RequestAborted));
    }

    private ApiResult LabelResult(IReadOnlyList<Matcher[]> sets, int limit, long startMs, long endMs, LabelQuery query)
    {
        var warnings = new List<string>();
        var values = new SortedSet<string>(StringComparer.Ordinal);
        var hints = new LabelHints { Limit = limit > 0 ? limit + 1 : 0 };
        using (var querier = _queryable.CreateQuerier(startMs, endMs))
        {
            try
            {
                if (sets.Count == 0)
                {
                    var result = query(querier, hints, []);
                    values.UnionWith(result.Values);
                    warnings.AddRange(result.Warnings);
                }

                foreach (var set in sets)
                {
                    var result = query(querier, hints, set);
                    values.UnionWith(result.Values);
                    warnings.AddRange(result.Warnings);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException and not ApiException)
            {
                throw StorageError(e);
            }
        }

        var list = values.ToList();
        if (limit > 0 && list.Count > limit)
        {
            list.RemoveRange(limit, list.Count - limit);
            warnings.Add(TruncatedWarning);
        }

        return new ApiResult(writer => WriteStringArray(writer, list), warnings);
    }

    private static ApiException StorageError(Exception error) => error switch
    {
        OperationCanceledException => new ApiException(ApiErrorType.Canceled, "query was canceled in query execution"),
        _ => new ApiException(ApiErrorType.Execution, error.Message),
    };

    private delegate LabelQueryResult LabelQuery(IQuerier querier, LabelHints hints, ReadOnlySpan<Matcher> matchers);
}
