using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pharos.Client;
using Pharos.Client.Collectors;
using Pharos.Hosting;
using Pharos.Hosting.Flags;
using Pharos.Hosting.Logging;
using Pharos.Hosting.Web;

namespace Pharos.Exporters.Blackbox;

/// <summary>
/// <c>pharos blackbox-exporter</c>: upstream blackbox_exporter's flags and endpoints on port 9115 — <c>/probe</c>,
/// <c>/config</c>, <c>/-/reload</c> (POST; SIGHUP too), <c>/metrics</c>.
/// </summary>
public static class BlackboxExporterCommand
{
    /// <summary>Creates the subcommand.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var command = new Command("blackbox-exporter", "Prometheus exporter for probing endpoints over HTTP, TCP, DNS and ICMP (upstream blackbox_exporter's flags).");
        var flags = new FlagSet(command);
        var configFile = flags.String("config.file", "blackbox.yml", "Blackbox exporter configuration file.");
        var web = new WebFlags(flags, ":9115", withExternalUrl: false);
        var timeoutOffset = flags.Duration("timeout-offset", TimeSpan.FromSeconds(0.5), "Offset to subtract from timeout in seconds.");
        var checkConfig = flags.Bool("config.check", false, "If true validate the config file and then exit.");
        var logFlags = new LogFlags(flags);

        command.SetAction(async (result, cancellationToken) =>
        {
            using var loggerFactory = logFlags.CreateLoggerFactory(result);
            var logger = loggerFactory.CreateLogger("blackbox_exporter");
            var registry = new MetricRegistry();
            var exporter = new BlackboxExporter(result.GetValue(configFile) ?? "blackbox.yml", result.GetValue(timeoutOffset), logger, registry);
            if (exporter.Reload() is { } error)
            {
                logger.LogError("Error loading config: {Error}", error);
                return 1;
            }

            if (result.GetValue(checkConfig))
            {
                logger.LogInformation("Config file is ok exiting...");
                return 0;
            }

            try
            {
                logger.LogInformation("Starting blackbox_exporter: version={Version} revision={Revision}", BuildInfo.Version, BuildInfo.Revision);
                using var runtime = new DotNetRuntimeCollector();
                registry.Register(new ProcessCollector());
                registry.Register(runtime);
                using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
                {
                    context.Cancel = true;
                    exporter.Reload();
                });
                await using var server = WebServer.Create(web.Resolve(result), loggerFactory);
                server.App.MapTelemetry("/metrics", registry);
                server.App.MapGet("/probe", exporter.ProbeAsync);
                server.App.MapGet("/config", exporter.ConfigAsync);
                server.App.MapPost("/-/reload", async context =>
                {
                    if (exporter.Reload() is { } reloadError)
                    {
                        context.Response.StatusCode = 500;
                        await context.Response.WriteAsync($"failed to reload config: {reloadError}\n", context.RequestAborted).ConfigureAwait(false);
                    }
                });
                server.App.MapGet("/-/healthy", () => Results.Text("Healthy"));
                server.App.MapGet("/", () => Results.Content(LandingPage, "text/html; charset=utf-8"));
                await server.RunAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            }
            catch (Exception e) when (e is FormatException or ArgumentException or WebConfigException or IOException)
            {
                logger.LogError("{Error}", e.Message);
                return 1;
            }
        });
        return command;
    }

    private const string LandingPage =
        """
        <html>
        <head><title>Blackbox Exporter</title></head>
        <body>
        <h1>Blackbox Exporter</h1>
        <p><a href="probe?target=prometheus.io&module=http_2xx">Probe prometheus.io for http_2xx</a></p>
        <p><a href="probe?target=prometheus.io&module=http_2xx&debug=true">Debug probe prometheus.io for http_2xx</a></p>
        <p><a href="metrics">Metrics</a></p>
        <p><a href="config">Configuration</a></p>
        </body>
        </html>
        """;
}
