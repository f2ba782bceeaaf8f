using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pharos.Client;
using Pharos.Exporters.Blackbox.Config;
using Pharos.Exporters.Blackbox.Probers;

namespace Pharos.Exporters.Blackbox;

/// <summary>
/// The exporter's state and request handling: the loaded modules (swapped atomically on reload, the old ones kept when
/// the new file is invalid), <c>/probe</c>, <c>/config</c> and the self-metrics. Thread-safe.
/// </summary>
internal sealed class BlackboxExporter
{
    private static readonly Dictionary<string, IProber> Probers = new(StringComparer.Ordinal)
    {
        ["http"] = new HttpProber(),
        ["tcp"] = new TcpProber(),
        ["dns"] = new DnsProber(),
        ["icmp"] = new IcmpProber(),
    };

    private readonly string _configFile;
    private readonly TimeSpan _timeoutOffset;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Gauge _reloadSuccessful;
    private readonly Gauge _reloadTimestamp;
    private readonly Counter _unknownModules;
    private BlackboxConfig _config = new();

    public BlackboxExporter(string configFile, TimeSpan timeoutOffset, ILogger logger, MetricRegistry registry, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _configFile = configFile;
        _timeoutOffset = timeoutOffset;
        _logger = logger;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _reloadSuccessful = registry.CreateGauge("blackbox_exporter_config_last_reload_successful", "Blackbox exporter config loaded successfully.");
        _reloadTimestamp = registry.CreateGauge("blackbox_exporter_config_last_reload_success_timestamp_seconds", "Timestamp of the last successful configuration reload.");
        _unknownModules = registry.CreateCounter("blackbox_module_unknown_total", "Count of unknown modules requested by probes");
        registry.CreateGauge(
            "blackbox_exporter_build_info",
            "A metric with a constant '1' value labeled by version, revision, branch, goversion from which blackbox_exporter was built, and the goos and goarch for the build.",
            "branch", "goarch", "goos", "goversion", "revision", "version")
            .WithLabels("main", System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(), "linux", Environment.Version.ToString(), Hosting.BuildInfo.Revision, Hosting.BuildInfo.Version)
            .Set(1);
    }

    /// <summary>The modules in use.</summary>
    public BlackboxConfig Config => Volatile.Read(ref _config);

    /// <summary>Loads the modules file; on error keeps the current modules and reports failure.</summary>
    /// <returns>Null on success, else the error.</returns>
    public string? Reload()
    {
        try
        {
            var config = BlackboxConfig.LoadFile(_configFile);
            Volatile.Write(ref _config, config);
            _reloadSuccessful.Set(1);
            _reloadTimestamp.Set(_timeProvider.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
            _logger.LogInformation("Loaded config file");
            return null;
        }
        catch (BlackboxConfigException e)
        {
            _reloadSuccessful.Set(0);
            _logger.LogError("Error reloading config: {Error}", e.Message);
            return e.Message;
        }
    }

    /// <summary>Handles <c>/probe</c>.</summary>
    /// <param name="context">The request.</param>
    /// <returns>A task that completes when answered.</returns>
    public async Task ProbeAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var moduleName = query["module"].ToString();
        if (moduleName.Length == 0)
        {
            moduleName = "http_2xx";
        }

        var config = Config;
        if (!config.Modules.TryGetValue(moduleName, out var module))
        {
            _unknownModules.Inc();
            await PlainAsync(context, 400, $"Unknown module \"{moduleName}\"\n").ConfigureAwait(false);
            return;
        }

        var target = query["target"].ToString();
        if (target.Length == 0)
        {
            await PlainAsync(context, 400, "Target parameter is missing\n").ConfigureAwait(false);
            return;
        }

        if (!TryGetTimeout(context.Request.Headers["X-Prometheus-Scrape-Timeout-Seconds"].ToString(), module, _timeoutOffset, out var timeout, out var error))
        {
            await PlainAsync(context, 500, $"Failed to parse timeout from Prometheus header: {error}\n").ConfigureAwait(false);
            return;
        }

        if (!Probers.TryGetValue(module.Prober, out var prober))
        {
            await PlainAsync(context, 400, $"Unknown prober \"{module.Prober}\"\n").ConfigureAwait(false);
            return;
        }

        var (metrics, log, _) = await RunAsync(prober, module, moduleName, target, timeout, context.RequestAborted).ConfigureAwait(false);
        var registry = new MetricRegistry();
        registry.Register(metrics.Collect);
        if (string.Equals(query["debug"].ToString(), "true", StringComparison.OrdinalIgnoreCase))
        {
            var text = $"Logs for the probe:\n{log.Text}\n\n\nMetrics that would have been returned:\n{System.Text.Encoding.UTF8.GetString(registry.ToArray())}\n\n\nModule configuration:\n{ModuleYaml(moduleName)}";
            await PlainAsync(context, 200, text).ConfigureAwait(false);
            return;
        }

        var format = ExpositionFormats.Negotiate(context.Request.Headers.Accept.ToString());
        await Hosting.Web.TelemetryEndpoint.WriteAsync(context, registry.ToArray(format), format).ConfigureAwait(false);
    }

    /// <summary>Runs one probe with its deadline and adds <c>probe_success</c> and <c>probe_duration_seconds</c>.</summary>
    /// <param name="prober">The prober.</param>
    /// <param name="module">The module.</param>
    /// <param name="moduleName">The module's name.</param>
    /// <param name="target">The target.</param>
    /// <param name="timeout">The deadline.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>The metrics, the probe log and the outcome.</returns>
    internal async Task<(ProbeMetrics Metrics, ProbeLogger Log, bool Success)> RunAsync(
        IProber prober, ModuleConfig module, string moduleName, string target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var metrics = new ProbeMetrics();
        var success = metrics.Gauge("probe_success", "Displays whether or not the probe was a success");
        var duration = metrics.Gauge("probe_duration_seconds", "Returns how long the probe took to complete in seconds");
        var log = new ProbeLogger(_logger, moduleName, target);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout > TimeSpan.Zero)
        {
            deadline.CancelAfter(timeout);
        }

        var start = Stopwatch.GetTimestamp();
        log.LogProbeInfo($"Beginning probe probe={module.Prober} timeout_seconds={timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}");
        bool ok;
        try
        {
            ok = await prober.ProbeAsync(new ProbeContext(target, module, metrics, log, _timeProvider), deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            log.LogProbeError("Probe timed out", "context deadline exceeded");
            ok = false;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException or FormatException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            log.LogProbeError("Probe failed", e.Message);
            ok = false;
        }

        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        metrics.Set(duration, elapsed);
        metrics.Set(success, ok ? 1 : 0);
        log.LogProbeInfo(ok
            ? $"Probe succeeded duration_seconds={elapsed.ToString(CultureInfo.InvariantCulture)}"
            : $"Probe failed duration_seconds={elapsed.ToString(CultureInfo.InvariantCulture)}");
        return (metrics, log, ok);
    }

    /// <summary>Handles <c>/config</c>.</summary>
    /// <param name="context">The request.</param>
    /// <returns>A task that completes when answered.</returns>
    public Task ConfigAsync(HttpContext context) => PlainAsync(context, 200, Config.ToRedactedYaml());

    /// <summary>The probe timeout upstream computes: the scrape timeout header (120 s when absent) minus the offset, or
    /// the module's timeout when it is shorter.</summary>
    /// <param name="header">The <c>X-Prometheus-Scrape-Timeout-Seconds</c> value.</param>
    /// <param name="module">The module.</param>
    /// <param name="offset">The <c>--timeout-offset</c>.</param>
    /// <param name="timeout">The result.</param>
    /// <param name="error">Why the header did not parse.</param>
    /// <returns>Whether the header parsed.</returns>
    public static bool TryGetTimeout(string header, ModuleConfig module, TimeSpan offset, out TimeSpan timeout, out string? error)
    {
        error = null;
        timeout = TimeSpan.Zero;
        var seconds = 120.0;
        if (header.Length > 0 && !double.TryParse(header, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
        {
            error = $"strconv.ParseFloat: parsing \"{header}\": invalid syntax";
            return false;
        }

        if (seconds == 0)
        {
            seconds = 120;
        }

        var max = seconds - offset.TotalSeconds;
        var moduleSeconds = module.TimeoutSpan.TotalSeconds;
        seconds = (moduleSeconds < max && moduleSeconds > 0) || max < 0 ? moduleSeconds : max;
        timeout = TimeSpan.FromSeconds(seconds);
        return true;
    }

    private string ModuleYaml(string moduleName)
    {
        var single = new BlackboxConfig();
        single.Modules[moduleName] = Config.Modules[moduleName];
        var yaml = single.ToRedactedYaml();
        return yaml.StartsWith("modules:", StringComparison.Ordinal) ? string.Join('\n', yaml.Split('\n').Skip(2).Select(l => l.Length >= 4 ? l[4..] : l)) : yaml;
    }

    private static async Task PlainAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
    }
}
