using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Pharos.Model;
using Pharos.PromQL.Engine;
using Pharos.PromQL.Parser;

namespace Pharos.Web.Api;

/// <summary>The query endpoints: <c>query</c>, <c>query_range</c>, <c>query_exemplars</c>, <c>format_query</c>, <c>parse_query</c>.</summary>
public sealed partial class ApiV1
{
    // Upstream limits a range query to this many points per series.
    private const long MaxPointsPerSeries = 11_000;

    internal ApiResult Query(ApiParameters parameters, HttpContext context)
    {
        var timeMs = parameters.TimeOrDefault("time", NowMs);
        var timeout = parameters.OptionalDuration("timeout");
        _ = parameters.OptionalDuration("lookback_delta");
        var query = parameters.Value("query");
        using var cancel = Cancellation(context, timeout);
        QueryResult result;
        try
        {
            result = _engine.InstantQuery(_queryable, query, timeMs, cancel.Token);
        }
        catch (PromQLParseException e)
        {
            throw ApiException.InvalidParameter("query", e.Message);
        }

        _options.QueryObserver?.Invoke(result.Stats);
        return QueryResponse(result, parameters.Value("stats"), cancel, context);
    }

    internal ApiResult QueryRange(ApiParameters parameters, HttpContext context)
    {
        var startMs = parameters.RequiredTime("start");
        var endMs = parameters.RequiredTime("end");
        if (endMs < startMs)
        {
            throw ApiException.InvalidParameter("end", "end timestamp must not be before start time");
        }

        var step = parameters.RequiredDuration("step");
        if (step <= TimeSpan.Zero)
        {
            throw ApiException.InvalidParameter("step", "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }

        if ((endMs - startMs) * TimeSpan.TicksPerMillisecond / step.Ticks > MaxPointsPerSeries)
        {
            throw new ApiException(ApiErrorType.BadData, "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
        }

        var timeout = parameters.OptionalDuration("timeout");
        _ = parameters.OptionalDuration("lookback_delta");
        var query = parameters.Value("query");
        using var cancel = Cancellation(context, timeout);
        QueryResult result;
        try
        {
            result = _engine.RangeQuery(_queryable, query, startMs, endMs, Math.Max(1, (long)step.TotalMilliseconds), cancel.Token);
        }
        catch (PromQLParseException e)
        {
            throw ApiException.InvalidParameter("query", e.Message);
        }

        _options.QueryObserver?.Invoke(result.Stats);
        return QueryResponse(result, parameters.Value("stats"), cancel, context);
    }

    internal ApiResult QueryExemplars(ApiParameters parameters, HttpContext context)
    {
        var startMs = parameters.TimeOrDefault("start", ApiParameters.MinTimeMs);
        var endMs = parameters.TimeOrDefault("end", ApiParameters.MaxTimeMs);
        if (endMs < startMs)
        {
            throw ApiException.InvalidParameter("end", "end timestamp must not be before start timestamp");
        }

        Expr expr;
        try
        {
            expr = PromQLParser.ParseExpr(parameters.Value("query"), _engine.Options.ParserOptions);
        }
        catch (PromQLParseException e)
        {
            throw ApiException.InvalidParameter("query", e.Message);
        }

        var selectors = ExprTree.Descendants(expr).OfType<VectorSelector>().Select(s => s.Matchers).ToArray();
        var found = _options.Exemplars is { } exemplars && selectors.Length > 0
            ? exemplars.Select(startMs, endMs, selectors)
            : [];
        return new ApiResult(writer =>
        {
            writer.WriteStartArray();
            foreach (var (series, list) in found)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("seriesLabels"u8);
                ApiJson.WriteLabels(writer, series);
                writer.WritePropertyName("exemplars"u8);
                writer.WriteStartArray();
                foreach (var exemplar in list)
                {
                    writer.WriteStartObject();
                    writer.WritePropertyName("labels"u8);
                    ApiJson.WriteLabels(writer, exemplar.Labels);
                    writer.WritePropertyName("value"u8);
                    ApiJson.WriteFloatString(writer, exemplar.Value);
                    writer.WritePropertyName("timestamp"u8);
                    ApiJson.WriteTimestamp(writer, exemplar.TimestampMs);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    internal ApiResult FormatQuery(ApiParameters parameters, HttpContext context)
    {
        try
        {
            var formatted = PromQLPrinter.Format(PromQLParser.ParseExpr(parameters.Value("query"), _engine.Options.ParserOptions));
            return new ApiResult(writer => writer.WriteStringValue(formatted));
        }
        catch (PromQLParseException e)
        {
            throw ApiException.InvalidParameter("query", e.Message);
        }
    }

    internal ApiResult ParseQuery(ApiParameters parameters, HttpContext context)
    {
        Expr expr;
        try
        {
            expr = PromQLParser.ParseExpr(parameters.Value("query"), _engine.Options.ParserOptions);
        }
        catch (PromQLParseException e)
        {
            throw ApiException.InvalidParameter("query", e.Message);
        }

        return new ApiResult(writer => SyntaxTreeJson.Write(writer, expr));
    }

    private CancellationTokenSource Cancellation(HttpContext context, TimeSpan? timeout)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (timeout is { } t && t > TimeSpan.Zero)
        {
            // Timers fire with millisecond resolution: a shorter deadline has passed before evaluation starts, and
            // a query that finishes before the timer fires must not outrun it.
            if (t < TimeSpan.FromMilliseconds(1))
            {
                source.Cancel();
            }
            else
            {
                source.CancelAfter(t);
            }
        }

        return source;
    }

    private static ApiResult QueryResponse(QueryResult result, string stats, CancellationTokenSource cancel, HttpContext context)
    {
        if (result.Error is { } error)
        {
            var kind = error.Kind;
            var message = error.Message;

            // A timeout parameter that fired reaches the engine as a cancellation; upstream reports it as a timeout.
            if (kind == QueryErrorKind.Canceled && cancel.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
            {
                kind = QueryErrorKind.Timeout;
                message = "query timed out in query execution";
            }

            var type = kind switch
            {
                QueryErrorKind.Canceled => ApiErrorType.Canceled,
                QueryErrorKind.Timeout => ApiErrorType.Timeout,
                QueryErrorKind.Storage => ApiErrorType.Internal,
                _ => ApiErrorType.Execution,
            };
            throw new ApiException(type, message);
        }

        var value = result.Value!;
        var statistics = result.Stats;
        return new ApiResult(
            writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("resultType"u8, ValueTypeNames.Api(value.Type));
                writer.WritePropertyName("result"u8);
                WriteValue(writer, value);
                if (stats.Length > 0)
                {
                    WriteStats(writer, statistics);
                }

                writer.WriteEndObject();
            },
            result.Annotations.Warnings,
            result.Annotations.Infos);
    }

    /// <summary>Writes a query value as upstream's <c>result</c> field.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    internal static void WriteValue(Utf8JsonWriter writer, QueryValue value)
    {
        switch (value)
        {
            case ScalarValue scalar:
                ApiJson.WritePoint(writer, scalar.TimestampMs, scalar.Value);
                break;
            case StringValue text:
                writer.WriteStartArray();
                ApiJson.WriteTimestamp(writer, text.TimestampMs);
                writer.WriteStringValue(text.Value);
                writer.WriteEndArray();
                break;
            case VectorValue vector:
                writer.WriteStartArray();
                foreach (var sample in vector.Samples)
                {
                    writer.WriteStartObject();
                    writer.WritePropertyName("metric"u8);
                    ApiJson.WriteLabels(writer, sample.Metric);
                    if (sample.Histogram is { } h)
                    {
                        writer.WritePropertyName("histogram"u8);
                        ApiJson.WriteHistogramPoint(writer, sample.TimestampMs, h);
                    }
                    else
                    {
                        writer.WritePropertyName("value"u8);
                        ApiJson.WritePoint(writer, sample.TimestampMs, sample.Value);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                break;
            case MatrixValue matrix:
                writer.WriteStartArray();
                foreach (var series in matrix.Series)
                {
                    WriteSeries(writer, series);
                }

                writer.WriteEndArray();
                break;
        }
    }

    private static void WriteSeries(Utf8JsonWriter writer, Series series)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("metric"u8);
        ApiJson.WriteLabels(writer, series.Metric);
        if (series.Floats.Count > 0)
        {
            writer.WritePropertyName("values"u8);
            writer.WriteStartArray();
            foreach (var point in series.Floats)
            {
                ApiJson.WritePoint(writer, point.TimestampMs, point.Value);
            }

            writer.WriteEndArray();
        }

        if (series.Histograms.Count > 0)
        {
            writer.WritePropertyName("histograms"u8);
            writer.WriteStartArray();
            foreach (var point in series.Histograms)
            {
                ApiJson.WriteHistogramPoint(writer, point.TimestampMs, point.Histogram);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteStats(Utf8JsonWriter writer, QueryStats stats)
    {
        writer.WritePropertyName("stats"u8);
        writer.WriteStartObject();
        writer.WritePropertyName("timings"u8);
        writer.WriteStartObject();
        writer.WriteNumber("evalTotalTime"u8, stats.EvalTime.TotalSeconds);
        writer.WriteNumber("resultSortTime"u8, 0);
        writer.WriteNumber("queryPreparationTime"u8, 0);
        writer.WriteNumber("innerEvalTime"u8, stats.EvalTime.TotalSeconds);
        writer.WriteNumber("execQueueTime"u8, stats.QueueTime.TotalSeconds);
        writer.WriteNumber("execTotalTime"u8, (stats.EvalTime + stats.QueueTime).TotalSeconds);
        writer.WriteEndObject();
        writer.WritePropertyName("samples"u8);
        writer.WriteStartObject();
        writer.WriteNumber("totalQueryableSamples"u8, stats.TotalSamples);
        writer.WriteNumber("peakSamples"u8, stats.PeakSamples);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static bool MatchesAny(in Labels labels, IReadOnlyList<Matcher[]> sets)
    {
        foreach (var set in sets)
        {
            var all = true;
            foreach (var matcher in set)
            {
                if (!matcher.Matches(labels.Get(matcher.Name)))
                {
                    all = false;
                    break;
                }
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }
}
