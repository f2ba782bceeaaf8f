using System.CommandLine;
using System.Globalization;
using Pharos.Hosting.Flags;
using Pharos.Hosting.Logging;
using Pharos.Hosting.Web;

namespace Pharos.Pushgateway;

/// <summary>The <c>pharos pushgateway</c> subcommand, with the flags of prometheus/pushgateway.</summary>
public static class PushgatewayCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var command = new Command("pushgateway", "Push acceptor for ephemeral and batch jobs (the Prometheus Pushgateway API).");
        var flags = new FlagSet(command);
        var web = new WebFlags(flags, ":9091");
        var telemetryPath = flags.String("web.telemetry-path", "/metrics", "Path under which to expose metrics.");
        var enableLifecycle = flags.Bool("web.enable-lifecycle", false, "Enable shutdown via HTTP request.");
        var enableAdminApi = flags.Bool("web.enable-admin-api", false, "Enable API endpoints for admin control actions.");
        var persistenceFile = flags.String("persistence.file", string.Empty, "File to persist metrics. If empty, metrics are only kept in memory.");
        var persistenceInterval = flags.Duration("persistence.interval", TimeSpan.FromMinutes(5), "The minimum interval at which to write out the persistence file.");
        var disableCheck = flags.Bool("push.disable-consistency-check", false, "Do not check consistency of pushed metrics. DANGEROUS.");
        var ttl = flags.Duration("metrics.ttl", TimeSpan.Zero, "Pharos extension: drop a group not pushed for this long (0 keeps groups forever). A push may set its own with the X-Pushgateway-TTL header.");
        var maxBody = flags.Bytes("push.max-body-size", 256L * 1024 * 1024, "Pharos extension: the largest accepted push body after decompression (0 for no limit).");
        var logFlags = new LogFlags(flags);
        command.SetAction(async (result, cancellationToken) =>
        {
            using var loggerFactory = logFlags.CreateLoggerFactory(result);
            var logger = loggerFactory.CreateLogger("pushgateway");
            if (!web.TryResolve(result, logger, out var webOptions))
            {
                return 1;
            }

            var flagValues = flags.Values(result, FormatGoDuration);

            var options = new PushgatewayOptions
            {
                Web = webOptions,
                TelemetryPath = result.GetValue(telemetryPath) ?? "/metrics",
                EnableLifecycle = result.GetValue(enableLifecycle),
                EnableAdminApi = result.GetValue(enableAdminApi),
                PersistenceFile = result.GetValue(persistenceFile) ?? string.Empty,
                PersistenceInterval = result.GetValue(persistenceInterval),
                DisableConsistencyCheck = result.GetValue(disableCheck),
                MetricsTtl = result.GetValue(ttl),
                MaxBodyBytes = result.GetValue(maxBody),
                FlagValues = flagValues,
            };
            await using var server = await PushgatewayServer.StartAsync(options, loggerFactory, cancellationToken: cancellationToken).ConfigureAwait(false);
            await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            await server.StopAsync().ConfigureAwait(false);
            return 0;
        });
        return command;
    }


    /// <summary>Formats a duration as Go's <c>time.Duration.String</c> (<c>5m0s</c>, <c>1h30m0s</c>, <c>1.5s</c>, <c>0s</c>).</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The text.</returns>
    public static string FormatGoDuration(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        var sign = duration < TimeSpan.Zero ? "-" : string.Empty;
        duration = duration.Duration();
        if (duration < TimeSpan.FromSeconds(1))
        {
            return sign + (duration.TotalMilliseconds >= 1
                ? duration.TotalMilliseconds.ToString("0.######", CultureInfo.InvariantCulture) + "ms"
                : (duration.Ticks / 10.0).ToString("0.###", CultureInfo.InvariantCulture) + "µs");
        }

        var hours = (long)duration.TotalHours;
        var seconds = (duration - TimeSpan.FromHours(hours) - TimeSpan.FromMinutes(duration.Minutes)).TotalSeconds;
        var text = seconds.ToString("0.#########", CultureInfo.InvariantCulture) + "s";
        if (hours > 0)
        {
            return sign + hours.ToString(CultureInfo.InvariantCulture) + "h" + duration.Minutes.ToString(CultureInfo.InvariantCulture) + "m" + text;
        }

        return sign + (duration.Minutes > 0 ? duration.Minutes.ToString(CultureInfo.InvariantCulture) + "m" : string.Empty) + text;
    }
}
