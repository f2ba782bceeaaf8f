using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pharos.Alertmanager.Alerts;
using Pharos.Alertmanager.Config;
using Pharos.Alertmanager.Dispatch;
using Pharos.Alertmanager.Inhibit;
using Pharos.Alertmanager.Notify;
using Pharos.Alertmanager.Routing;
using Pharos.Alertmanager.Silences;
using Pharos.Alertmanager.Templates;
using Pharos.Hosting.Web;

namespace Pharos.Alertmanager;

/// <summary>
/// A running Alertmanager: alert store, silences, notification log, the dispatcher of the current configuration
/// and the HTTP API. Tests start it in-process with a fake clock; <c>pharos alertmanager</c> starts it and waits
/// for SIGTERM/SIGINT (SIGHUP reloads).
/// </summary>
public sealed partial class AlertmanagerServer : IAsyncDisposable
{
    private readonly AlertmanagerOptions _options;
    private readonly WebServer _web;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly Lock _reloadLock = new();
    private readonly Lock _snapshotLock = new();
    private readonly ITimer _maintenance;
    private readonly ITimer _gc;
    private readonly DateTimeOffset _startTime;
    private State _state;
    private int _stopped;

    private AlertmanagerServer(AlertmanagerOptions options, WebServer web, ILogger logger, TimeProvider time, AlertmanagerConfig config)
    {
        _options = options;
        _web = web;
        _logger = logger;
        _time = time;
        _startTime = time.GetUtcNow();
        _http = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        Metrics = new AlertmanagerMetrics(time);
        Alerts = new AlertStore(time);
        Marker = new AlertMarker();
        Silences = new SilenceStore(time, options.Retention);
        Log = new NotificationLog(time, options.Retention);
        Directory.CreateDirectory(options.StoragePath);
        Silences.Load(Snapshots.ReadSilences(options.StoragePath));
        Log.Load(Snapshots.ReadLog(options.StoragePath));
        Silences.Changed += WriteSilences;
        Log.Changed += WriteLog;
        Alerts.Collected += removed =>
        {
            foreach (var a in removed)
            {
                Marker.Delete(a.Fingerprint);
            }
        };
        _state = Build(config);
        _state.Dispatcher.Start();
        Metrics.ConfigLastReloadSuccessful.Set(1);
        Metrics.ConfigLastReloadSuccessTimestamp.Set(_startTime.ToUnixTimeSeconds());
        Metrics.Registry.AddBeforeCollectCallback(RefreshGauges);
        _maintenance = time.CreateTimer(_ => _state.Dispatcher.Maintain(), null, options.MaintenanceInterval, options.MaintenanceInterval);
        _gc = time.CreateTimer(_ => CollectGarbage(), null, options.AlertGcInterval, options.AlertGcInterval);
    }

    /// <summary>The metrics.</summary>
    public AlertmanagerMetrics Metrics { get; }

    /// <summary>The alert store.</summary>
    public AlertStore Alerts { get; }

    /// <summary>The suppression marker.</summary>
    public AlertMarker Marker { get; }

    /// <summary>The silences.</summary>
    public SilenceStore Silences { get; }

    /// <summary>The notification log.</summary>
    public NotificationLog Log { get; }

    /// <summary>The configuration in use.</summary>
    public AlertmanagerConfig Config => _state.Config;

    /// <summary>The routing tree in use.</summary>
    public Route Route => _state.Dispatcher.Root;

    /// <summary>The first bound address including the route prefix, ending in a slash.</summary>
    public Uri BaseAddress
    {
        get
        {
            var root = _web.BoundAddresses[0];
            var prefix = _options.Web.RoutePrefix == "/" ? "/" : _options.Web.RoutePrefix + "/";
            return new Uri(root, prefix);
        }
    }

    /// <summary>Loads the configuration, restores the snapshots and starts listening.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="loggerFactory">The logger factory (the caller keeps ownership).</param>
    /// <param name="time">The clock; the system clock when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="AlertmanagerConfigException">The configuration is invalid.</exception>
    public static async Task<AlertmanagerServer> StartAsync(AlertmanagerOptions options, ILoggerFactory loggerFactory, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger("alertmanager");
        var config = AlertmanagerConfigLoader.LoadFile(options.ConfigFile);
        var web = WebServer.Create(options.Web, loggerFactory);
        var server = new AlertmanagerServer(options, web, logger, time ?? TimeProvider.System, config);
        server.MapRoutes(web.App);
        await web.StartAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Listening {address}", options.Web.ListenAddress);
        return server;
    }

    /// <summary>Waits until SIGTERM/SIGINT or <paramref name="cancellationToken"/>.</summary>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>A task that completes when a shutdown was requested.</returns>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _web.App.WaitForShutdownAsync(cancellationToken);

    /// <summary>Reloads the configuration file; a bad file keeps the running configuration.</summary>
    /// <returns>Null on success, else the error.</returns>
    public string? Reload()
    {
        lock (_reloadLock)
        {
            State next;
            try
            {
                next = Build(AlertmanagerConfigLoader.LoadFile(_options.ConfigFile));
            }
            catch (Exception e) when (e is AlertmanagerConfigException or Templating.TemplateException or IOException)
            {
                Metrics.ConfigLastReloadSuccessful.Set(0);
                _logger.LogError("Loading configuration file failed {file} {err}", _options.ConfigFile, e.Message);
                return e.Message;
            }

            // As upstream: the old dispatcher stops, the new one re-dispatches the stored alerts; the
            // notification log keeps unchanged groups from being notified again.
            var old = _state;
            _state = next;
            old.Dispatcher.Dispose();
            next.Dispatcher.Start();
            Metrics.ConfigLastReloadSuccessful.Set(1);
            Metrics.ConfigLastReloadSuccessTimestamp.Set(_time.GetUtcNow().ToUnixTimeSeconds());
            _logger.LogInformation("Completed loading of configuration file {file}", _options.ConfigFile);
            return null;
        }
    }

    /// <summary>Drops resolved alerts, old silences and expired log entries (upstream's GC and maintenance).</summary>
    public void CollectGarbage()
    {
        Alerts.CollectGarbage();
        Silences.CollectGarbage();
        Log.CollectGarbage();
    }

    /// <summary>Stops serving and the dispatcher, then writes the snapshots.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _web.StopAsync().ConfigureAwait(false);
        await _maintenance.DisposeAsync().ConfigureAwait(false);
        await _gc.DisposeAsync().ConfigureAwait(false);
        _state.Dispatcher.Dispose();
        WriteSilences();
        WriteLog();
        _http.Dispose();
        _logger.LogInformation("Alertmanager stopped");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _web.DisposeAsync().ConfigureAwait(false);
    }

    private State Build(AlertmanagerConfig config)
    {
        var template = new NotificationTemplate(config.Templates, _time);
        var inhibitor = new Inhibitor(config.InhibitRules, Alerts, Marker, _time);
        var pipeline = new NotificationPipeline(
            Integration.Build(config.Receivers, _http), inhibitor, Silences, Marker, config.TimeIntervals, Log, template, Metrics, _time, _logger,
            _options.Web.ExternalUrl.ToString());
        var route = Routing.Route.Build(config.Route);
        var dispatcher = new Dispatcher(route, Alerts, _time, pipeline.ExecAsync);
        Metrics.ConfigHash.Set(BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(config.Original)), 0) >> 11);
        return new State(config, dispatcher, inhibitor);
    }

    private void RefreshGauges()
    {
        foreach (var (state, count) in Alerts.CountByState(a => Marker.Status(a.Fingerprint).State))
        {
            Metrics.Alerts.WithLabels(state).Set(count);
        }

        foreach (var (state, count) in Silences.CountByState())
        {
            Metrics.Silences.WithLabels(state).Set(count);
        }

        Metrics.AggregationGroups.Set(_state.Dispatcher.GroupCount);
    }

    private void WriteSilences()
    {
        lock (_snapshotLock)
        {
            try
            {
                Metrics.SilencesSnapshotSize.Set(Snapshots.WriteSilences(_options.StoragePath, Silences.List()));
            }
            catch (IOException e)
            {
                _logger.LogError("Creating silence snapshot failed {err}", e.Message);
            }
        }
    }

    private void WriteLog()
    {
        lock (_snapshotLock)
        {
            try
            {
                Metrics.NflogSnapshotSize.Set(Snapshots.WriteLog(_options.StoragePath, Log.List()));
            }
            catch (IOException e)
            {
                _logger.LogError("Creating notification log snapshot failed {err}", e.Message);
            }
        }
    }

    private sealed record State(AlertmanagerConfig Config, Dispatcher Dispatcher, Inhibitor Inhibitor);
}
