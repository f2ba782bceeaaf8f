using System.Diagnostics;
using Pharos.PromQL.Parser;
using IQueryable = Pharos.Storage.IQueryable;

namespace Pharos.PromQL.Engine;

/// <summary>
/// Evaluates PromQL queries against any <see cref="IQueryable"/> (upstream <c>promql.Engine</c>). Thread-safe: one
/// engine serves all queries; at most <see cref="EngineOptions.MaxConcurrentQueries"/> run at once and the rest wait.
/// </summary>
public sealed class PromQLEngine : IDisposable
{
    private readonly EngineOptions _options;
    private readonly SemaphoreSlim _gate;
    private QueryLogger? _queryLogger;

    /// <summary>Creates an engine.</summary>
    /// <param name="options">Settings; defaults when null.</param>
    public PromQLEngine(EngineOptions? options = null)
    {
        _options = options ?? new EngineOptions();
        _gate = new SemaphoreSlim(Math.Max(1, _options.MaxConcurrentQueries));
    }

    /// <summary>The engine settings.</summary>
    public EngineOptions Options => _options;

    /// <summary>Evaluates an instant query.</summary>
    /// <param name="queryable">The storage to read.</param>
    /// <param name="query">The PromQL text.</param>
    /// <param name="timeMs">The evaluation time in milliseconds since the Unix epoch.</param>
    /// <param name="cancellationToken">Cancels the query; it then fails with <see cref="QueryErrorKind.Canceled"/>.</param>
    /// <returns>The result; evaluation errors are in <see cref="QueryResult.Error"/>.</returns>
    /// <exception cref="PromQLParseException">The query does not parse.</exception>
    public QueryResult InstantQuery(IQueryable queryable, string query, long timeMs, CancellationToken cancellationToken = default) =>
        InstantQuery(queryable, query, timeMs, null, cancellationToken);

    /// <summary>Evaluates an instant query with per-query options.</summary>
    /// <param name="queryable">The storage to read.</param>
    /// <param name="query">The PromQL text.</param>
    /// <param name="timeMs">The evaluation time in milliseconds since the Unix epoch.</param>
    /// <param name="options">Per-step statistics and the query log origin; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the query; it then fails with <see cref="QueryErrorKind.Canceled"/>.</param>
    /// <returns>The result; evaluation errors are in <see cref="QueryResult.Error"/>.</returns>
    /// <exception cref="PromQLParseException">The query does not parse.</exception>
    public QueryResult InstantQuery(IQueryable queryable, string query, long timeMs, QueryOptions? options, CancellationToken cancellationToken = default) =>
        Execute(queryable, query, PromQLParser.ParseExpr(query, _options.ParserOptions), timeMs, timeMs, 0, options, cancellationToken);

    /// <summary>Evaluates an instant query.</summary>
    /// <param name="queryable">The storage to read.</param>
    /// <param name="query">The PromQL text.</param>
    /// <param name="time">The evaluation time.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The result; evaluation errors are in <see cref="QueryResult.Error"/>.</returns>
    /// <exception cref="PromQLParseException">The query does not parse.</exception>
    public QueryResult InstantQuery(IQueryable queryable, string query, DateTimeOffset time, CancellationToken cancellationToken = default) =>
        InstantQuery(queryable, query, time.ToUnixTimeMilliseconds(), cancellationToken);

    /// <summary>Evaluates a range query: one point per step from start to end inclusive.</summary>
    /// <param name="queryable">The storage to read.</param>
    /// <param name="query">The PromQL text.</param>
    /// <param name="startMs">The first step, in milliseconds since the Unix epoch.</param>
    /// <param name="endMs">The last possible step.</param>
    /// <param name="stepMs">The step width, positive.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The result (a matrix sorted by labels); evaluation errors are in <see cref="QueryResult.Error"/>.</returns>
    /// <exception cref="PromQLParseException">The query does not parse.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The step is not positive or the end precedes the start.</exception>
    public QueryResult RangeQuery(IQueryable queryable, string query, long startMs, long endMs, long stepMs, CancellationToken cancellationToken = default) =>
        RangeQuery(queryable, query, startMs, endMs, stepMs, null, cancellationToken);

    /// <summary>Evaluates a range query with per-query options.</summary>
    /// <param name="queryable">The storage to read.</param>
    /// <param name="query">The PromQL text.</param>
    /// <param name="startMs">The first step, in milliseconds since the Unix epoch.</param>
    /// <param name="endMs">The last possible step.</param>
    /// <param name="stepMs">The step width, positive.</param>
    /// <param name="options">Per-step statistics and the query log origin; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The result (a matrix sorted by labels); evaluation errors are in <see cref="QueryResult.Error"/>.</returns>
    /// <exception cref="PromQLParseException">The query does not parse.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The step is not positive or the end precedes the start.</exception>
    public QueryResult RangeQuery(IQueryable queryable, string query, long startMs, long endMs, long stepMs, QueryOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(stepMs, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(endMs, startMs);
        return Execute(queryable, query, PromQLParser.ParseExpr(query, _options.ParserOptions), startMs, endMs, stepMs, options, cancellationToken);
    }

    /// <summary>Evaluates a range query.</summary>
    /// <param name="queryable">The storage to read.</param>
    /// <param name="query">The PromQL text.</param>
    /// <param name="start">The first step.</param>
    /// <param name="end">The last possible step.</param>
    /// <param name="step">The step width.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The result; evaluation errors are in <see cref="QueryResult.Error"/>.</returns>
    /// <exception cref="PromQLParseException">The query does not parse.</exception>
    public QueryResult RangeQuery(IQueryable queryable, string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken = default) =>
        RangeQuery(queryable, query, start.ToUnixTimeMilliseconds(), end.ToUnixTimeMilliseconds(), (long)step.TotalMilliseconds, cancellationToken);

    /// <summary>
    /// Sets the query log every later query is written to (upstream <c>SetQueryLogger</c>), or stops logging with
    /// null. The engine does not own the logger: the caller disposes the previous one after replacing it.
    /// </summary>
    /// <param name="logger">The logger, or null.</param>
    public void SetQueryLogger(QueryLogger? logger) => Volatile.Write(ref _queryLogger, logger);

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private QueryResult Execute(IQueryable queryable, string text, Expr expr, long startMs, long endMs, long stepMs, QueryOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queryable);
        var total = Stopwatch.StartNew();
        var result = ExecuteGated(queryable, expr, startMs, endMs, stepMs, options?.EnablePerStepStats == true, cancellationToken);
        result.Stats.ExecTotalTime = total.Elapsed;
        if (Volatile.Read(ref _queryLogger) is { } logger)
        {
            try
            {
                logger.Log(text, startMs, endMs, stepMs, result.Error?.Message, result.Stats, options?.Origin);
            }
            catch (IOException)
            {
                // As upstream, a failing query log never fails the query.
            }
            catch (ObjectDisposedException)
            {
                // The logger was replaced and disposed while this query ran.
            }
        }

        return result;
    }

    private QueryResult ExecuteGated(IQueryable queryable, Expr expr, long startMs, long endMs, long stepMs, bool perStepStats, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        var queued = Stopwatch.StartNew();
        try
        {
            _gate.Wait(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return Failed(cancellationToken.IsCancellationRequested ? QueryErrorKind.Canceled : QueryErrorKind.Timeout, new QueryStats { QueueTime = queued.Elapsed });
        }

        var queueTime = queued.Elapsed;
        var running = Stopwatch.StartNew();
        try
        {
            // The querier covers everything a query may read; selectors narrow it down with hints.
            using var querier = queryable.CreateQuerier(long.MinValue / 4, endMs);
            var context = new QueryContext(querier, _options, timeout.Token) { StartMs = startMs, EndMs = endMs, StepMs = stepMs };
            context.Stats.QueueTime = queueTime;
            context.Stats.PreparationTime = running.Elapsed;
            try
            {
                var value = Evaluate(context, expr, startMs, endMs, stepMs, perStepStats);
                context.Stats.EvalTime = running.Elapsed;
                return new QueryResult { Value = value, Annotations = context.Annotations, Stats = context.Stats };
            }
            catch (PromQLQueryException e)
            {
                context.Stats.EvalTime = running.Elapsed;
                return new QueryResult { Error = e, Annotations = context.Annotations, Stats = context.Stats };
            }
            catch (OperationCanceledException)
            {
                context.Stats.EvalTime = running.Elapsed;
                return Failed(cancellationToken.IsCancellationRequested ? QueryErrorKind.Canceled : QueryErrorKind.Timeout, context.Stats);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static QueryResult Failed(QueryErrorKind kind, QueryStats stats)
    {
        var message = kind == QueryErrorKind.Canceled ? "query was canceled in query execution" : "query timed out in query execution";
        return new QueryResult { Error = new PromQLQueryException(kind, message), Stats = stats };
    }

    private static QueryValue Evaluate(QueryContext context, Expr expr, long startMs, long endMs, long stepMs, bool perStepStats)
    {
        var evaluator = new Evaluator(context, startMs, endMs, stepMs == 0 ? 1 : stepMs, perStepStats);
        if (stepMs != 0 && expr.Type is not (Parser.ValueType.Scalar or Parser.ValueType.Vector))
        {
            throw new PromQLQueryException($"invalid expression type \"{ValueTypeNames.Documented(expr.Type)}\" for range query, must be Scalar or instant Vector");
        }

        var inner = Stopwatch.StartNew();
        object value;
        try
        {
            value = evaluator.Eval(expr);
        }
        finally
        {
            context.Stats.InnerEvalTime = inner.Elapsed;
            context.Stats.TotalSamples = evaluator.QueryableSamples;
            context.Stats.TotalSamplesPerStep = evaluator.SamplesPerStep();
        }

        if (value is string s)
        {
            return new StringValue(startMs, s);
        }

        var sorting = Stopwatch.StartNew();
        try
        {
            return Finish(evaluator, expr, (List<Series>)value, startMs, stepMs);
        }
        finally
        {
            context.Stats.ResultSortTime = sorting.Elapsed;
        }
    }

    /// <summary>Removes names marked for removal and shapes the matrix into the result type, sorted where upstream sorts.</summary>
    private static QueryValue Finish(Evaluator evaluator, Expr expr, List<Series> value, long startMs, long stepMs)
    {
        var matrix = evaluator.CleanupNames(value);
        if (stepMs == 0)
        {
            switch (expr.Type)
            {
                case Parser.ValueType.Scalar:
                    return new ScalarValue(startMs, matrix.Count > 0 && matrix[0].Floats.Count > 0 ? matrix[0].Floats[0].Value : double.NaN);
                case Parser.ValueType.Vector:
                    var samples = new List<Sample>(matrix.Count);
                    foreach (var series in matrix)
                    {
                        samples.Add(series.Floats.Count > 0
                            ? new Sample(series.Metric, startMs, series.Floats[0].Value)
                            : new Sample(series.Metric, startMs, 0, series.Histograms[0].Histogram));
                    }

                    return new VectorValue(samples);
                default:
                    matrix.Sort(static (a, b) => a.Metric.CompareTo(b.Metric));
                    return new MatrixValue(matrix);
            }
        }

        matrix.RemoveAll(static s => s.PointCount == 0);
        matrix.Sort(static (a, b) => a.Metric.CompareTo(b.Metric));
        return new MatrixValue(matrix);
    }
}
