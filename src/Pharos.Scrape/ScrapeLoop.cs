using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Pharos.Exposition;
using Pharos.Exposition.Body;
using Pharos.Exposition.Negotiation;
using Pharos.Storage;

namespace Pharos.Scrape;

/// <summary>
/// Scrapes one target every interval and appends the result, as upstream's <c>scrapeLoop</c>: the first scrape is
/// offset within the interval, each scrape is bounded by the target's timeout, a failure appends <c>up 0</c> and
/// staleness markers for the target's series, and a loop stopped because its target went away writes staleness
/// markers for all its series about two intervals later (unless the manager is shutting down).
/// </summary>
/// <remarks>
/// The loop's own state (cache, parsers, body buffer) is touched by its single running task only; the public
/// members are thread-safe.
/// </remarks>
internal sealed partial class ScrapeLoop : IAsyncDisposable
{
    private readonly ScrapeTarget _target;
    private readonly ScrapeJob _job;
    private readonly IAppendable _appendable;
    private readonly TimeProvider _time;
    private readonly ScrapeMetrics _metrics;
    private readonly ILogger _log;
    private readonly ulong _offsetSeed;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationToken _shutdown;
    private readonly BodyBuffer _body = new();
    private readonly string _intervalLabel;
    private readonly string _timeoutHeader;
    private Task _run = Task.CompletedTask;
    private volatile string? _forcedError;
    private volatile bool _endOfRunStaleness = true;
    private volatile bool _started;
    private DateTimeOffset _lastScrape = DateTimeOffset.MinValue;

    public ScrapeLoop(
        ScrapeTarget target,
        ScrapeJob job,
        IAppendable appendable,
        TimeProvider time,
        ScrapeMetrics metrics,
        ILogger log,
        ScrapeCache? cache,
        ulong offsetSeed,
        CancellationToken shutdown)
    {
        _target = target;
        _job = job;
        _appendable = appendable;
        _time = time;
        _metrics = metrics;
        _log = log;
        _offsetSeed = offsetSeed;
        _shutdown = shutdown;
        Cache = cache ?? new ScrapeCache();
        target.Cache = Cache;
        _intervalLabel = GoDuration.Format(target.Interval);
        _timeoutHeader = target.Timeout.TotalSeconds.ToString("0.#########", CultureInfo.InvariantCulture);
        _reportSeries = CreateReportSeries(target.Labels, job.Config.ExtraScrapeMetrics);
    }

    public ScrapeTarget Target => _target;

    /// <summary>The series cache, handed to the replacing loop when the pool is reloaded.</summary>
    public ScrapeCache Cache { get; }

    /// <summary>An error that fails every scrape without contacting the target (the pool's target limit), or null.</summary>
    public string? ForcedError
    {
        get => _forcedError;
        set => _forcedError = value;
    }

    /// <summary>The running task, staleness markers after a stop included.</summary>
    public Task Completion => _run;

    /// <summary>Starts scraping in the background.</summary>
    public void Start()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _started = true;
        _run = Task.Run(RunAsync);
    }

    /// <summary>
    /// Stops scraping and waits for the current scrape to end. With <paramref name="endOfRunStaleness"/> the loop
    /// then writes staleness markers in the background (see <see cref="Completion"/>).
    /// </summary>
    public async Task StopAsync(bool endOfRunStaleness)
    {
        _endOfRunStaleness = endOfRunStaleness;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (!_started)
        {
            // Scrapes were driven by hand (tests): the staleness markers still follow.
            _scrapeDone.TrySetResult();
            var last = _lastScrape;
            if (endOfRunStaleness && last != DateTimeOffset.MinValue && !_shutdown.IsCancellationRequested)
            {
                _run = Task.Run(() => EndOfRunStalenessAsync(last));
            }
        }

        await _scrapeDone.Task.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(endOfRunStaleness: false).ConfigureAwait(false);
        await _run.ConfigureAwait(false);
        _stop.Dispose();
        _body.Dispose();
    }

    private readonly TaskCompletionSource _scrapeDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task RunAsync()
    {
        var token = _stop.Token;
        var last = DateTimeOffset.MinValue;
        try
        {
            var offset = _target.Offset(_time.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000, _offsetSeed);
            await Task.Delay(offset, _time, token).ConfigureAwait(false);
            using var timer = new PeriodicTimer(_target.Interval, _time);
            do
            {
                var start = _time.GetUtcNow();
                if (last != DateTimeOffset.MinValue)
                {
                    _metrics.IntervalLength.WithLabels(_intervalLabel).Observe((start - last).TotalSeconds);
                }

                last = start;
                await ScrapeAndReportAsync(start, token).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        finally
        {
            _scrapeDone.TrySetResult();
        }

        if (_endOfRunStaleness && last != DateTimeOffset.MinValue && !_shutdown.IsCancellationRequested)
        {
            await EndOfRunStalenessAsync(last).ConfigureAwait(false);
        }
    }

    // The target may come back (a flapping discovery, a reload): wait until two more scrapes would have happened
    // (plus 10%) before marking its series stale at the time of the first missed scrape, as upstream.
    private async Task EndOfRunStalenessAsync(DateTimeOffset last)
    {
        var interval = _target.Interval;
        var staleTime = last + interval;
        var wait = staleTime + interval + (interval / 10) - _time.GetUtcNow();
        try
        {
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, _shutdown).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        WriteEndOfRunStaleness(staleTime.ToUnixTimeMilliseconds());
    }

    /// <summary>Appends staleness markers for every series of the target and its report series.</summary>
    internal void WriteEndOfRunStaleness(long staleTimeMs)
    {
        try
        {
            var app = _appendable.CreateAppender();
            Append(app, ReadOnlyMemory<byte>.Empty, ExpositionFormat.PrometheusText, staleTimeMs);
            AppendReportStale(app, staleTimeMs);
            app.Commit();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogAppendFailed(_log, _target.Url, ex);
        }
    }

    /// <summary>Scrapes once, appends the samples and the report series, and records the outcome on the target.</summary>
    /// <param name="start">The scrape time, also the timestamp of samples without one.</param>
    /// <param name="cancellationToken">Stops the scrape; nothing is appended then.</param>
    /// <returns>The scrape's error, or null when it succeeded.</returns>
    internal async Task<string?> ScrapeAndReportAsync(DateTimeOffset start, CancellationToken cancellationToken)
    {
        _lastScrape = start;
        var error = _forcedError;
        string? contentType = null;
        _body.Clear();
        if (error is null)
        {
            (contentType, error) = await ScrapeAsync(cancellationToken).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }

        var duration = _time.GetUtcNow() - start;
        var timestampMs = start.ToUnixTimeMilliseconds();
        var result = default(AppendResult);
        try
        {
            var app = _appendable.CreateAppender();
            if (error is null)
            {
                var resolution = ScrapeContentType.Resolve(contentType, _job.Fallback);
                if (resolution.Format is not { } format)
                {
                    error = resolution.Problem;
                }
                else
                {
                    if (resolution.UsedFallback)
                    {
                        LogFallback(_log, _target.Url, resolution.Problem!);
                    }

                    result = Append(app, _body.WrittenMemory, format, timestampMs);
                    error = result.Error;
                }

                if (error is not null)
                {
                    // The batch may hold part of a rejected scrape: discard it, then mark every series stale.
                    app.Rollback();
                    app = _appendable.CreateAppender();
                }
            }

            if (error is not null)
            {
                Append(app, ReadOnlyMemory<byte>.Empty, ExpositionFormat.PrometheusText, timestampMs);
            }

            AppendReport(app, timestampMs, duration, result, error);
            app.Commit();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogAppendFailed(_log, _target.Url, ex);
            error ??= ex.Message;
        }

        if (error is not null)
        {
            LogScrapeFailed(_log, _target.Url, error);
        }

        _target.Report(start, duration, error);
        return error;
    }

    // Fetches the body into _body. Errors are worded as upstream reports them.
    private async Task<(string? ContentType, string? Error)> ScrapeAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_target.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var url = _target.Url;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept", _job.AcceptHeader);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", _job.Config.EnableCompression ? "gzip" : "identity");
            request.Headers.TryAddWithoutValidation("User-Agent", _job.UserAgent);
            request.Headers.TryAddWithoutValidation("X-Prometheus-Scrape-Timeout-Seconds", _timeoutHeader);
            using var response = await _job.Client.SendAsync(request, linked.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return (null, $"server returned HTTP status {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd());
            }

            var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var gzip = BodyReader.IsGzip(response.Content.Headers.ContentEncoding.FirstOrDefault());
                await BodyReader.ReadAsync(stream, gzip, _body, _job.Config.BodySizeLimit, cancellationToken: linked.Token).ConfigureAwait(false);
            }

            return (response.Content.Headers.ContentType?.ToString(), null);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"Get \"{url}\": context deadline exceeded");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (null, "context canceled");
        }
        catch (BodySizeLimitExceededException)
        {
            _metrics.ExceededBodySizeLimit.Inc();
            return (null, "body size limit exceeded");
        }
        catch (HttpRequestException ex)
        {
            return (null, $"Get \"{url}\": {Describe(ex)}");
        }
        catch (HttpIOException ex) when (ex.HttpRequestError == HttpRequestError.ResponseEnded)
        {
            // A body shorter than its Content-Length, as Go's reader reports it.
            return (null, "unexpected EOF");
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            return (null, ex.InnerException is { } inner ? $"{ex.Message}: {inner.Message}" : ex.Message);
        }
    }

    // Socket errors read as Go's net package words them where the cause is obvious.
    private static string Describe(HttpRequestException ex) => ex.HttpRequestError switch
    {
        HttpRequestError.ConnectionError when ex.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused } =>
            "connect: connection refused",
        HttpRequestError.ResponseEnded => "unexpected EOF",
        _ => ex.Message,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scrape failed for {Url}: {Error}")]
    private static partial void LogScrapeFailed(ILogger logger, Uri url, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Appending scrape report failed for {Url}")]
    private static partial void LogAppendFailed(ILogger logger, Uri url, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scrape of {Url}: {Problem}")]
    private static partial void LogFallback(ILogger logger, Uri url, string problem);
}
