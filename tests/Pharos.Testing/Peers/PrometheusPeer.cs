using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pharos.Testing.Peers;

/// <summary>
/// A real Prometheus server (Debian's <c>/usr/bin/prometheus</c>, 2.42 at the time of writing) for integration
/// tests: generated config, TSDB in a temporary directory, listening on a free 127.0.0.1 port, ready when
/// <c>/-/ready</c> answers. Wraps the parts of <c>/api/v1</c> that tests compare against. The binary being absent is
/// a failure, not a skip: CI installs it, and a silently skipped compatibility test proves nothing.
/// </summary>
public sealed class PrometheusPeer : IDisposable, IAsyncDisposable
{
    /// <summary>The default binary; overridden by the <c>PHAROS_PROMETHEUS_BINARY</c> environment variable.</summary>
    public const string DefaultBinary = "/usr/bin/prometheus";

    private readonly PeerProcess _process;
    private readonly HttpClient _http;

    private PrometheusPeer(PeerProcess process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>The port Prometheus listens on (127.0.0.1 only).</summary>
    public int Port { get; }

    /// <summary>The server's base URL, ending in a slash.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The underlying process (working directory, captured output).</summary>
    public PeerProcess Process => _process;

    /// <summary>The binary the peer runs: <c>PHAROS_PROMETHEUS_BINARY</c> if set, else <see cref="DefaultBinary"/>.</summary>
    public static string Binary =>
        Environment.GetEnvironmentVariable("PHAROS_PROMETHEUS_BINARY") is { Length: > 0 } path ? path : DefaultBinary;

    /// <summary>
    /// Writes <paramref name="configYaml"/> to <c>prometheus.yml</c> in a fresh working directory, starts Prometheus
    /// on it and waits until <c>/-/ready</c> answers 200.
    /// </summary>
    /// <param name="configYaml">The full <c>prometheus.yml</c>; see <see cref="StaticScrapeConfig"/>.</param>
    /// <param name="extraFlags">More flags, e.g. <c>--enable-feature=native-histograms</c>.</param>
    /// <param name="startTimeout">How long to wait for readiness; 30 seconds by default.</param>
    /// <param name="binary">The executable; <see cref="Binary"/> when null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The ready peer; dispose it to kill the process and delete its data.</returns>
    public static async Task<PrometheusPeer> StartAsync(
        string configYaml,
        IEnumerable<string>? extraFlags = null,
        TimeSpan? startTimeout = null,
        string? binary = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configYaml);
        binary ??= Binary;
        if (!File.Exists(binary))
        {
            throw new FileNotFoundException(
                $"Prometheus is required by this integration test but {binary} does not exist. Install Debian's " +
                "'prometheus' package (apt-get install prometheus; CI does this in .ci/run) or point " +
                "PHAROS_PROMETHEUS_BINARY at a prometheus binary.",
                binary);
        }

        var port = FreePort.Next();
        var flags = extraFlags?.ToArray() ?? [];
        var process = PeerProcess.Start(
            binary,
            dir =>
            {
                var configPath = Path.Combine(dir, "prometheus.yml");
                File.WriteAllText(configPath, configYaml);
                return
                [
                    $"--config.file={configPath}",
                    $"--storage.tsdb.path={Path.Combine(dir, "data")}",
                    $"--web.listen-address=127.0.0.1:{port}",
                    "--log.level=debug",
                    .. flags,
                ];
            },
            name: "prometheus");
        var peer = new PrometheusPeer(process, port);
        try
        {
            await process.WaitForHttpOkAsync(
                new Uri(peer.BaseAddress, "-/ready"),
                startTimeout ?? TimeSpan.FromSeconds(30),
                cancellationToken).ConfigureAwait(false);
            return peer;
        }
        catch
        {
            peer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Builds a minimal <c>prometheus.yml</c> with one job scraping static targets.
    /// </summary>
    /// <param name="jobName">The job name.</param>
    /// <param name="targets">Targets as <c>host:port</c>.</param>
    /// <param name="scrapeInterval">Scrape interval (and timeout, capped at the interval).</param>
    /// <param name="metricsPath">The path scraped.</param>
    /// <param name="parameters">URL query parameters added to each scrape (<c>params</c>).</param>
    /// <returns>The YAML text.</returns>
    public static string StaticScrapeConfig(
        string jobName,
        IEnumerable<string> targets,
        TimeSpan scrapeInterval,
        string metricsPath = "/metrics",
        IReadOnlyDictionary<string, string>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var interval = FormatDuration(scrapeInterval);
        var yaml = new StringBuilder();
        yaml.AppendLine("global:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  scrape_interval: {interval}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  scrape_timeout: {interval}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  evaluation_interval: {interval}");
        yaml.AppendLine("scrape_configs:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  - job_name: {Quote(jobName)}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"    metrics_path: {Quote(metricsPath)}");
        if (parameters is { Count: > 0 })
        {
            yaml.AppendLine("    params:");
            foreach (var (key, value) in parameters)
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"      {Quote(key)}: [{Quote(value)}]");
            }
        }

        yaml.AppendLine("    static_configs:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"      - targets: [{string.Join(", ", targets.Select(Quote))}]");
        return yaml.ToString();
    }

    /// <summary>Runs an instant query at the current time (<c>GET /api/v1/query</c>).</summary>
    /// <param name="expr">The PromQL expression.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The response's <c>data</c> object (<c>resultType</c>, <c>result</c>).</returns>
    public Task<JsonElement> QueryAsync(string expr, CancellationToken cancellationToken = default) =>
        GetDataAsync($"api/v1/query?query={Uri.EscapeDataString(expr)}", cancellationToken);

    /// <summary>
    /// Runs an instant query expected to return at most one sample and returns its value, or null for an empty
    /// result. Fails on a result with more than one series.
    /// </summary>
    /// <param name="expr">The PromQL expression.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The single value, or null.</returns>
    public async Task<double?> QueryValueAsync(string expr, CancellationToken cancellationToken = default)
    {
        var data = await QueryAsync(expr, cancellationToken).ConfigureAwait(false);
        var result = data.GetProperty("result");
        switch (data.GetProperty("resultType").GetString())
        {
            case "scalar":
                return ParseSampleValue(result);
            case "vector" when result.GetArrayLength() == 0:
                return null;
            case "vector" when result.GetArrayLength() == 1:
                return ParseSampleValue(result[0].GetProperty("value"));
            default:
                throw new InvalidOperationException($"Query '{expr}' did not return a single sample: {data}");
        }
    }

    /// <summary>Reads metric metadata (<c>GET /api/v1/metadata?metric=…</c>).</summary>
    /// <param name="metric">The metric family name; null for all.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The <c>data</c> object: metric name to an array of <c>{type, help, unit}</c>.</returns>
    public Task<JsonElement> MetadataAsync(string? metric = null, CancellationToken cancellationToken = default) =>
        GetDataAsync(
            metric is null ? "api/v1/metadata" : $"api/v1/metadata?metric={Uri.EscapeDataString(metric)}",
            cancellationToken);

    /// <summary>Reads the scrape targets (<c>GET /api/v1/targets</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The <c>data</c> object (<c>activeTargets</c>, <c>droppedTargets</c>).</returns>
    public Task<JsonElement> TargetsAsync(CancellationToken cancellationToken = default) =>
        GetDataAsync("api/v1/targets", cancellationToken);

    /// <summary>
    /// Waits until at least <paramref name="count"/> successful scrapes have been ingested (counted as the sum of
    /// <c>up</c> over the last hour, so failed scrapes do not count). Fails with the targets' last errors and the
    /// peer's output on timeout.
    /// </summary>
    /// <param name="count">Successful scrapes to wait for (over all targets of the job).</param>
    /// <param name="job">Restricts the count to one job; null counts every job.</param>
    /// <param name="timeout">How long to wait; 30 seconds by default.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes once enough scrapes were seen.</returns>
    public async Task WaitForScrapesAsync(
        int count,
        string? job = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var selector = job is null ? "up" : $"up{{job=\"{EscapeLabelValue(job)}\"}}";
        var expr = $"sum(sum_over_time({selector}[1h]))";
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var clock = Stopwatch.StartNew();
        double seen = 0;
        while (true)
        {
            seen = await QueryValueAsync(expr, cancellationToken).ConfigureAwait(false) ?? 0;
            if (seen >= count)
            {
                return;
            }

            if (clock.Elapsed > limit)
            {
                var targets = await TargetsAsync(cancellationToken).ConfigureAwait(false);
                throw new TimeoutException(_process.Describe(
                    $"ingested {seen} successful scrapes, not {count}, within {limit}; targets: {targets}"));
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        _process.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<JsonElement> GetDataAsync(string relativeUrl, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(relativeUrl, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                _process.Describe($"answered HTTP {(int)response.StatusCode} to {relativeUrl}: {body}"));
        }

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException(_process.Describe($"answered {relativeUrl} with {body}"));
        }

        return root.GetProperty("data").Clone();
    }

    private static double ParseSampleValue(JsonElement pair) =>
        double.Parse(pair[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string FormatDuration(TimeSpan duration) =>
        duration.TotalMilliseconds % 1000 == 0
            ? $"{(long)duration.TotalSeconds}s"
            : $"{(long)duration.TotalMilliseconds}ms";

    // YAML double-quoted scalars share JSON's escapes for the characters that matter here.
    private static string Quote(string value) => JsonSerializer.Serialize(value);

    private static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
