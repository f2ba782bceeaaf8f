using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Pharos.Alertmanager.Config;
using Pharos.Hosting.Flags;
using Pharos.Hosting.Logging;
using Pharos.Hosting.Web;

namespace Pharos.Alertmanager;

/// <summary>The <c>pharos alertmanager</c> subcommand, with the flags of prometheus/alertmanager.</summary>
public static class AlertmanagerCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var command = new Command("alertmanager", "Alert routing, grouping, deduplication, inhibition, silences and notifications (the Prometheus Alertmanager).");
        var flags = new FlagSet(command);
        var configFile = flags.String("config.file", "alertmanager.yml", "Alertmanager configuration file name.");
        var storagePath = flags.String("storage.path", "data/", "Base path for data storage.");
        var retention = flags.Duration("data.retention", TimeSpan.FromHours(120), "How long to keep data for.");
        var gcInterval = flags.Duration("alerts.gc-interval", TimeSpan.FromMinutes(30), "Interval between alert GC.");
        var web = new WebFlags(flags, ":9093");
        flags.Duration("web.timeout", TimeSpan.Zero, "Timeout for HTTP requests. If negative or zero, no timeout is set.");
        flags.Int("web.get-concurrency", 0, "Maximum number of GET requests processed concurrently. If negative or zero, the limit is GOMAXPROC or 8, whichever is larger.");
        const string NoCluster = " Accepted for compatibility; Pharos does not cluster yet, so every instance runs alone.";
        foreach (var (name, value, help) in new[]
                 {
                     ("cluster.listen-address", "", "Listen address for cluster. Set to empty string to disable HA mode."),
                     ("cluster.advertise-address", "", "Explicit address to advertise in cluster."),
                     ("cluster.label", "", "The cluster label is an optional identifier for the cluster."),
                 })
        {
            flags.String(name, value, help + NoCluster);
        }

        flags.Strings("cluster.peer", "Initial peers (may be repeated)." + NoCluster);
        foreach (var (name, value, help) in new[]
                 {
                     ("cluster.peer-timeout", TimeSpan.FromSeconds(15), "Time to wait between peers to send notifications."),
                     ("cluster.gossip-interval", TimeSpan.FromMilliseconds(200), "Interval between sending gossip messages."),
                     ("cluster.pushpull-interval", TimeSpan.FromMinutes(1), "Interval for gossip state syncs."),
                     ("cluster.tcp-timeout", TimeSpan.FromSeconds(10), "Timeout for establishing a stream connection with a remote node for a full state sync, and for stream read and write operations."),
                     ("cluster.probe-timeout", TimeSpan.FromMilliseconds(500), "Timeout to wait for an ack from a probed node before assuming it is unhealthy."),
                     ("cluster.probe-interval", TimeSpan.FromSeconds(1), "Interval between random node probes."),
                     ("cluster.settle-timeout", TimeSpan.FromMinutes(1), "Maximum time to wait for cluster connections to settle before evaluating notifications."),
                     ("cluster.reconnect-interval", TimeSpan.FromSeconds(10), "Interval between attempting to reconnect to lost peers."),
                     ("cluster.reconnect-timeout", TimeSpan.FromHours(6), "Length of time to attempt to reconnect to a lost peer."),
                 })
        {
            flags.Duration(name, value, help + NoCluster);
        }

        var logFlags = new LogFlags(flags);
        command.SetAction(async (result, cancellationToken) =>
        {
            using var loggerFactory = logFlags.CreateLoggerFactory(result);
            var logger = loggerFactory.CreateLogger("alertmanager");
            if (!web.TryResolve(result, logger, out var webOptions))
            {
                return 1;
            }

            var options = new AlertmanagerOptions
            {
                Web = webOptions,
                ConfigFile = result.GetValue(configFile) ?? "alertmanager.yml",
                StoragePath = result.GetValue(storagePath) ?? "data/",
                Retention = result.GetValue(retention),
                AlertGcInterval = result.GetValue(gcInterval),
            };
            AlertmanagerServer server;
            try
            {
                server = await AlertmanagerServer.StartAsync(options, loggerFactory, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (AlertmanagerConfigException e)
            {
                logger.LogError("Loading configuration file failed {file} {err}", options.ConfigFile, e.Message);
                return 1;
            }

            await using (server.ConfigureAwait(false))
            {
                using var hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
                {
                    context.Cancel = true;
                    server.Reload();
                });
                await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
                await server.StopAsync().ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
