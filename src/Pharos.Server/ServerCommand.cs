using System.CommandLine;
using Microsoft.Extensions.Logging;
using Pharos.Config;
using Pharos.Hosting.Flags;
using Pharos.Hosting.Logging;
using Pharos.Hosting.Web;
using Pharos.Rules.Files;

namespace Pharos.Server;

/// <summary>The <c>pharos server</c> subcommand, with the flags and defaults of upstream <c>prometheus</c>.</summary>
public static class ServerCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var command = new Command("server", "The Prometheus monitoring server: scrapes targets, stores samples in a TSDB, answers PromQL over the Prometheus HTTP API.");
        var flags = new FlagSet(command);
        var configFile = flags.String("config.file", "prometheus.yml", "Prometheus configuration file path.");
        var web = new WebFlags(flags, "0.0.0.0:9090");
        var readTimeout = flags.Duration("web.read-timeout", TimeSpan.FromMinutes(5), "Maximum duration before timing out read of the request, and closing idle connections.");
        var maxConnections = flags.Int("web.max-connections", 512, "Maximum number of simultaneous connections across all listeners.");
        var enableLifecycle = flags.Bool("web.enable-lifecycle", false, "Enable shutdown and reload via HTTP request.");
        var enableAdminApi = flags.Bool("web.enable-admin-api", false, "Enable API endpoints for admin control actions.");
        var enableRemoteWrite = flags.Bool("web.enable-remote-write-receiver", false, "Enable API endpoint accepting remote write requests.");
        var consoleTemplates = flags.String("web.console.templates", "consoles", "Path to the console template directory, available at /consoles.");
        var consoleLibraries = flags.String("web.console.libraries", "console_libraries", "Path to the console library directory.");
        var pageTitle = flags.String("web.page-title", "Prometheus Time Series Collection and Processing Server", "Document title of Prometheus instance.");
        var corsOrigin = flags.String("web.cors.origin", ".*", "Regex for CORS origin. It is fully anchored. Example: 'https?://(domain1|domain2)\\.com'");
        var storagePath = flags.String("storage.tsdb.path", "data/", "Base path for metrics storage.");
        var retentionTime = flags.Duration("storage.tsdb.retention.time", TimeSpan.Zero, "How long to retain samples in storage. If neither this flag nor \"storage.tsdb.retention.size\" is set, the retention time defaults to 15d. Units Supported: y, w, d, h, m, s, ms.");
        var retentionSize = flags.Bytes("storage.tsdb.retention.size", 0, "Maximum number of bytes that can be stored for blocks. A unit is required, supported units: B, KB, MB, GB, TB, PB, EB. Ex: \"512MB\". Based on powers-of-2, so 1KB is 1024B.");
        var minBlock = flags.Duration("storage.tsdb.min-block-duration", TimeSpan.FromHours(2), "Minimum duration of a data block before being persisted. For use in testing.");
        var maxBlock = flags.Duration("storage.tsdb.max-block-duration", TimeSpan.Zero, "Maximum duration compacted blocks may span. For use in testing. (Defaults to 10% of the retention period.)");
        var noLockfile = flags.Bool("storage.tsdb.no-lockfile", false, "Do not create lockfile in data directory.");
        var walCompression = flags.Bool("storage.tsdb.wal-compression", true, "Compress the tsdb WAL.");
        var outageTolerance = flags.Duration("rules.alert.for-outage-tolerance", TimeSpan.FromHours(1), "Max time to tolerate prometheus outage for restoring \"for\" state of alert.");
        var forGracePeriod = flags.Duration("rules.alert.for-grace-period", TimeSpan.FromMinutes(10), "Minimum duration between alert and restored \"for\" state. This is maintained only for alerts with configured \"for\" time greater than grace period.");
        var resendDelay = flags.Duration("rules.alert.resend-delay", TimeSpan.FromMinutes(1), "Minimum amount of time to wait before resending an alert to Alertmanager.");
        var queueCapacity = flags.Int("alertmanager.notification-queue-capacity", 10000, "The capacity of the queue for pending Alertmanager notifications.");
        var lookback = flags.Duration("query.lookback-delta", TimeSpan.FromMinutes(5), "The maximum lookback duration for retrieving metrics during expression evaluations and federation.");
        var queryTimeout = flags.Duration("query.timeout", TimeSpan.FromMinutes(2), "Maximum time a query may take before being aborted.");
        var queryConcurrency = flags.Int("query.max-concurrency", 20, "Maximum number of queries executed concurrently.");
        var maxSamples = flags.Int("query.max-samples", 50_000_000, "Maximum number of samples a single query can load into memory. Note that queries will fail if they try to load more samples than this into memory, so this also limits the number of samples a query can return.");
        var features = flags.Strings("enable-feature", "Comma separated feature names to enable. Accepted for compatibility; Pharos enables native histograms and the PromQL extensions it implements by default.");
        var logFlags = new LogFlags(flags);
        _ = (readTimeout, consoleTemplates, consoleLibraries, pageTitle, noLockfile, walCompression, features, enableRemoteWrite);

        command.SetAction(async (result, cancellationToken) =>
        {
            using var loggerFactory = logFlags.CreateLoggerFactory(result);
            var logger = loggerFactory.CreateLogger("main");
            if (!web.TryResolve(result, logger, out var webOptions))
            {
                return 1;
            }

            var flagValues = flags.Values(result);

            var max = result.GetValue(maxBlock);
            var options = new ServerOptions
            {
                ConfigFile = result.GetValue(configFile) ?? "prometheus.yml",
                StoragePath = result.GetValue(storagePath) ?? "data/",
                RetentionTime = result.GetValue(retentionTime),
                RetentionSizeBytes = result.GetValue(retentionSize),
                MinBlockDuration = result.GetValue(minBlock),
                MaxBlockDuration = max > TimeSpan.Zero ? max : null,
                Web = webOptions,
                EnableLifecycle = result.GetValue(enableLifecycle),
                EnableAdminApi = result.GetValue(enableAdminApi),
                MaxConnections = result.GetValue(maxConnections),
                CorsOrigin = result.GetValue(corsOrigin) ?? ".*",
                QueryTimeout = result.GetValue(queryTimeout),
                QueryMaxSamples = result.GetValue(maxSamples),
                QueryMaxConcurrency = result.GetValue(queryConcurrency),
                LookbackDelta = result.GetValue(lookback),
                ResendDelay = result.GetValue(resendDelay),
                OutageTolerance = result.GetValue(outageTolerance),
                GracePeriod = result.GetValue(forGracePeriod),
                NotificationQueueCapacity = result.GetValue(queueCapacity),
                Flags = flagValues,
            };

            PrometheusServer server;
            try
            {
                server = await PrometheusServer.StartAsync(options, loggerFactory, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ConfigException or RuleFileException or IOException or UnauthorizedAccessException)
            {
                logger.LogError("Error loading config: file={File} err={Error}", options.ConfigFile, e.Message);
                return 1;
            }

            await using (server.ConfigureAwait(false))
            {
                await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
                await server.StopAsync().ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

}
