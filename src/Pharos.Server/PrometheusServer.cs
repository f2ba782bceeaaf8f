using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pharos.Config;
using Pharos.Discovery;
using Pharos.Hosting;
using Pharos.Hosting.Web;
using Pharos.Model;
using Pharos.PromQL.Engine;
using Pharos.Rules.Files;
using Pharos.Tsdb.Db;
using Pharos.Web;
using Pharos.Web.Ui;

namespace Pharos.Server;

/// <summary>
/// A running <c>pharos server</c>: the web server starts first (answering 503 on the API while the WAL replays),
/// then the TSDB opens, then discovery feeds the scrapers. Configuration reloads come from SIGHUP and
/// <c>/-/reload</c>; a rejected configuration keeps the old one. Tests start it in-process.
/// </summary>
public sealed partial class PrometheusServer : IAsyncDisposable
{
    private readonly ServerOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly DeferredQueryable _storage = new();
    private readonly WalReplayProgress _replay = new();
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly DateTimeOffset _startTime;
    private WebServer? _web;
    private PromQLEngine? _engine;
    private DiscoveryManager? _discovery;
    private ScrapeWiring? _scrape;
    private RulesWiring? _rulesWiring;
    private QueryLogger? _queryLogger;
    private volatile TsdbDatabase? _tsdb;
    private volatile PrometheusConfig _config = new();
    private volatile bool _ready;
    private volatile bool _lastReloadSuccessful = true;
    private DateTimeOffset _lastConfigTime;
    private PosixSignalRegistration? _sighup;
    private Task _background = Task.CompletedTask;
    private int _stopped;

    private PrometheusServer(ServerOptions options, ILoggerFactory loggerFactory, TimeProvider time)
    {
        _options = options;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("server");
        _time = time;
        _startTime = time.GetUtcNow();
        Metrics = new ServerMetrics();
    }

    /// <summary>The self-monitoring metrics (<c>/metrics</c>).</summary>
    public ServerMetrics Metrics { get; }

    /// <summary>Whether the TSDB is open and the server serves queries.</summary>
    public bool IsReady => _ready;

    /// <summary>The configuration in force.</summary>
    public PrometheusConfig Config => _config;

    /// <summary>The first bound address including the route prefix, ending in a slash.</summary>
    public Uri BaseAddress
    {
        get
        {
            var root = _web!.BoundAddresses[0];
            var prefix = _options.Web.RoutePrefix == "/" ? "/" : _options.Web.RoutePrefix + "/";
            return new Uri(root, prefix);
        }
    }

    /// <summary>Loads the configuration, starts the web server, then opens the TSDB and starts scraping in the background.</summary>
    /// <param name="options">The flags.</param>
    /// <param name="loggerFactory">The logger factory (the caller keeps ownership).</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="ConfigException">The configuration file is invalid.</exception>
    public static async Task<PrometheusServer> StartAsync(ServerOptions options, ILoggerFactory loggerFactory, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var server = new PrometheusServer(options, loggerFactory, timeProvider ?? TimeProvider.System);
        await server.StartCoreAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <summary>Waits until SIGTERM/SIGINT, <c>/-/quit</c> or <paramref name="cancellationToken"/>.</summary>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>A task that completes when a shutdown was requested.</returns>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _web!.App.WaitForShutdownAsync(cancellationToken);

    /// <summary>Waits until the TSDB is open and the server is ready.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>A task that completes when ready.</returns>
    /// <exception cref="TimeoutException">Not ready in time.</exception>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!_ready)
        {
            if (_background.IsFaulted)
            {
                await _background.ConfigureAwait(false);
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException("the server did not become ready in time");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>Reloads the configuration file; on failure the previous configuration stays in force.</summary>
    /// <param name="cancellationToken">Cancels waiting for a reload in progress.</param>
    /// <returns>A task that completes when reloaded.</returns>
    /// <exception cref="InvalidOperationException">The new configuration is invalid.</exception>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _reloadLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _logger.LogInformation("Loading configuration file: filename={File}", _options.ConfigFile);
            PrometheusConfig config;
            try
            {
                config = ConfigLoader.LoadFile(_options.ConfigFile);
                ApplyConfig(config);
            }
            catch (Exception e) when (e is ConfigException or RuleFileException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                _lastReloadSuccessful = false;
                Metrics.ConfigReloadSuccessful.Set(0);
                _logger.LogError("Error reloading config: err={Error}", e.Message);
                throw new InvalidOperationException($"couldn't load configuration (--config.file=\"{_options.ConfigFile}\"): {e.Message}", e);
            }

            _lastReloadSuccessful = true;
            _lastConfigTime = _time.GetUtcNow();
            Metrics.ConfigReloadSuccessful.Set(1);
            Metrics.ConfigReloadTimestamp.Set(_lastConfigTime.ToUnixTimeMilliseconds() / 1000.0);
            _logger.LogInformation("Completed loading of configuration file: filename={File}", _options.ConfigFile);
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    /// <summary>Stops serving, stops scraping and discovery, then closes the TSDB (flushing the WAL).</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        _logger.LogInformation("Stopping scrape discovery manager...");
        await _stopping.CancelAsync().ConfigureAwait(false);
        _sighup?.Dispose();
        if (_web is not null)
        {
            await _web.StopAsync().ConfigureAwait(false);
        }

        try
        {
            await _background.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            _logger.LogDebug("Background start ended: err={Error}", e.Message);
        }

        if (_scrape is not null)
        {
            await _scrape.DisposeAsync().ConfigureAwait(false);
        }

        if (_discovery is not null)
        {
            await _discovery.DisposeAsync().ConfigureAwait(false);
        }

        if (_rulesWiring is not null)
        {
            await _rulesWiring.DisposeAsync().ConfigureAwait(false);
        }

        _engine?.SetQueryLogger(null);
        _queryLogger?.Dispose();

        _tsdb?.Dispose();
        _engine?.Dispose();
        _logger.LogInformation("See you next time!");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (_web is not null)
        {
            await _web.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
        _reloadLock.Dispose();
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        _logger.LogInformation("Starting Prometheus Server: mode=server version={Version} revision={Revision}", BuildInfo.Version, BuildInfo.Revision);
        var config = ConfigLoader.LoadFile(_options.ConfigFile);
        _config = config;
        _lastConfigTime = _time.GetUtcNow();
        Metrics.ConfigReloadSuccessful.Set(1);
        Metrics.ConfigReloadTimestamp.Set(_lastConfigTime.ToUnixTimeMilliseconds() / 1000.0);
        _engine = new PromQLEngine(new EngineOptions
        {
            Timeout = _options.QueryTimeout,
            MaxSamples = _options.QueryMaxSamples,
            MaxConcurrentQueries = _options.QueryMaxConcurrency,
            LookbackDelta = _options.LookbackDelta,
        });
        Metrics.QueriesConcurrentMax.Set(_options.QueryMaxConcurrency);
        Metrics.UseTsdb(() => _tsdb);
        _discovery = new DiscoveryManager(_loggerFactory, _time, new DiscoveryManagerOptions { BaseDirectory = config.Directory }, Metrics.Registry);
        _scrape = new ScrapeWiring(_storage, _loggerFactory, _time, Metrics.Registry);
        _rulesWiring = new RulesWiring(_options, _engine, _storage, _loggerFactory, _time, Metrics.Registry, config.Directory);

        // A bad rule file fails the start, as upstream does, instead of the background start.
        try
        {
            _rulesWiring.Validate(config, _options.Web.ExternalUrl);
        }
        catch (RuleFileException)
        {
            await _rulesWiring.DisposeAsync().ConfigureAwait(false);
            await _scrape.DisposeAsync().ConfigureAwait(false);
            await _discovery.DisposeAsync().ConfigureAwait(false);
            _engine.Dispose();
            throw;
        }

        var web = WebServer.Create(_options.Web, _loggerFactory, services =>
            services.Configure<KestrelServerOptions>(k => k.Limits.MaxConcurrentConnections = _options.MaxConnections > 0 ? _options.MaxConnections : null));
        _web = web;
        var tsdbAdapters = new TsdbAdapters(() => _tsdb, _replay, _time);
        var webOptions = new PrometheusWebOptions
        {
            Queryable = _storage,
            Engine = _engine,
            TimeProvider = _time,
            Targets = _scrape,
            Metadata = _scrape,
            Rules = _rulesWiring,
            Alertmanagers = _rulesWiring,
            TsdbAdmin = tsdbAdapters,
            TsdbStatus = tsdbAdapters,
            IsReady = () => _ready,
            ConfigYaml = () => ConfigWriter.Write(_config),
            ExternalLabels = () => _config.Global.ExternalLabels,
            Flags = _options.Flags,
            RuntimeInfo = RuntimeInfo,
            BuildInfo = new BuildInfoValues(BuildInfo.Version, BuildInfo.Revision, "main", Environment.UserName, string.Empty, "dotnet" + BuildInfo.RuntimeVersion),
            EnableAdminApi = _options.EnableAdminApi,
            EnableLifecycle = _options.EnableLifecycle,
            Reload = ReloadAsync,
            Quit = () => web.App.Lifetime.StopApplication(),
            CorsOrigin = _options.CorsOrigin,
            Registry = Metrics.Registry,
            LookbackDelta = _options.LookbackDelta,
            QueryObserver = Metrics.ObserveQuery,
        };
        web.App.UsePrometheusWeb(webOptions);
        web.App.MapPrometheusWeb(webOptions);
        web.App.MapTelemetry("/metrics", Metrics.Registry);
        web.App.MapPharosUi(_options.Web.ExternalUrl);
        await web.StartAsync(cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            _sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                _ = ReloadFromSignalAsync();
            });
        }

        _background = Task.Run(() => OpenAndRunAsync(config, _stopping.Token), CancellationToken.None);
    }

    private async Task OpenAndRunAsync(PrometheusConfig config, CancellationToken cancellationToken)
    {
        _logger.LogInformation("Starting TSDB ...");
        var tsdb = TsdbDatabase.Open(_options.StoragePath, TsdbOptionsFor(config), _loggerFactory.CreateLogger("tsdb"), _replay);
        if (cancellationToken.IsCancellationRequested)
        {
            tsdb.Dispose();
            return;
        }

        _tsdb = tsdb;
        tsdb.Start();
        _storage.Target(tsdb);
        _logger.LogInformation("TSDB started");
        ApplyConfig(config);
        _ready = true;
        Metrics.ReadyGauge.Set(1);
        _logger.LogInformation("Server is ready to receive web requests.");
        var notify = _rulesWiring!.RunAsync(cancellationToken);
        var discovery = _discovery!.RunAsync(cancellationToken);
        await foreach (var snapshot in _discovery.Updates.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            _scrape!.UpdateTargets(snapshot);
        }

        await discovery.ConfigureAwait(false);
        await notify.ConfigureAwait(false);
    }

    private void ApplyConfig(PrometheusConfig config)
    {
        // Rules first: a bad rule file throws before anything else changed, so the old configuration stays.
        _rulesWiring!.ApplyConfig(config, _options.Web.ExternalUrl);
        ApplyQueryLog(config.Global.QueryLogFile.Length == 0 ? string.Empty : Path.Combine(config.Directory, config.Global.QueryLogFile));
        var scrapeConfigs = ConfigLoader.GetScrapeConfigs(config);
        _discovery!.ApplyConfig(scrapeConfigs.ToDictionary(
            s => s.JobName,
            s => (IReadOnlyList<Pharos.Config.Discovery.IServiceDiscoveryConfig>)s.ServiceDiscoveryConfigs,
            StringComparer.Ordinal));
        _scrape!.ApplyConfig(config);
        _config = config;
    }

    // The log is reopened only when its path changed; relative paths are relative to the configuration file.
    private void ApplyQueryLog(string path)
    {
        if ((_queryLogger?.Path ?? string.Empty) == path)
        {
            return;
        }

        var old = _queryLogger;
        _queryLogger = path.Length == 0 ? null : new QueryLogger(path, _time);
        _engine!.SetQueryLogger(_queryLogger);
        old?.Dispose();
    }

    private TsdbOptions TsdbOptionsFor(PrometheusConfig config)
    {
        _ = config;
        var retention = _options.RetentionTime;
        if (retention <= TimeSpan.Zero)
        {
            retention = _options.RetentionSizeBytes > 0 ? TimeSpan.Zero : TsdbOptions.DefaultRetentionDuration;
        }

        return new TsdbOptions
        {
            RetentionDuration = retention,
            MaxBytes = _options.RetentionSizeBytes,
            MinBlockDuration = _options.MinBlockDuration,
            MaxBlockDuration = _options.MaxBlockDuration,
            TimeProvider = _time,
        };
    }

    private async Task ReloadFromSignalAsync()
    {
        try
        {
            await ReloadAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Logged by ReloadAsync; a bad file keeps the old configuration.
        }
    }

    private RuntimeInfo RuntimeInfo()
    {
        using var process = Process.GetCurrentProcess();
        var retention = _options.RetentionTime > TimeSpan.Zero ? PrometheusDuration.Format(_options.RetentionTime) : _options.RetentionSizeBytes > 0 ? string.Empty : "15d";
        if (_options.RetentionSizeBytes > 0)
        {
            retention = (retention.Length > 0 ? retention + " or " : string.Empty) + _options.RetentionSizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + "B";
        }

        return new RuntimeInfo(
            _startTime,
            Environment.CurrentDirectory,
            Environment.MachineName,
            _lastReloadSuccessful,
            _lastConfigTime,
            _tsdb?.WalCorruptionsTotal ?? 0,
            process.Threads.Count,
            Environment.ProcessorCount,
            GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
            retention);
    }
}
