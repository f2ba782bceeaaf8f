using System.CommandLine;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pharos.Client;
using Pharos.Client.Collectors;
using Pharos.Hosting;
using Pharos.Hosting.Flags;
using Pharos.Hosting.Logging;
using Pharos.Hosting.Web;

namespace Pharos.Exporters.Node;

/// <summary>
/// <c>pharos node-exporter</c>: the node exporter with upstream's flags (<c>--collector.NAME</c>,
/// <c>--no-collector.NAME</c>, <c>--collector.disable-defaults</c>, <c>--path.*</c>, collector settings) on port 9100.
/// Collectors run on every scrape of <c>--web.telemetry-path</c>.
/// </summary>
public static class NodeExporterCommand
{
    /// <summary>Creates the subcommand.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var command = new Command("node-exporter", "Prometheus exporter for hardware and OS metrics exposed by *NIX kernels (upstream node_exporter's flags).");
        var flags = new FlagSet(command);
        var web = new WebFlags(flags, ":9100", withExternalUrl: false);
        var telemetryPath = flags.String("web.telemetry-path", "/metrics", "Path under which to expose metrics.");
        var disableExporterMetrics = flags.Bool("web.disable-exporter-metrics", false, "Exclude metrics about the exporter itself (process_*, dotnet_*).");
        var procfs = flags.String("path.procfs", "/proc", "procfs mountpoint.");
        var sysfs = flags.String("path.sysfs", "/sys", "sysfs mountpoint.");
        var rootfs = flags.String("path.rootfs", "/", "rootfs mountpoint.");
        var udev = flags.String("path.udev.data", "/run/udev/data", "udev data path.");
        var disableDefaults = flags.Bool("collector.disable-defaults", false, "Set all collectors to disabled by default.");
        var toggles = NodeCollectorCatalog.Collectors
            .Select(c => (c.Name, c.DefaultEnabled, Option: flags.Bool(
                "collector." + c.Name,
                c.DefaultEnabled,
                $"Enable the {c.Name} collector (default: {(c.DefaultEnabled ? "enabled" : "disabled")}).")))
            .ToArray();
        var cpuGuest = flags.Bool("collector.cpu.guest", true, "Enables metric node_cpu_guest_seconds_total");
        var cpuInfo = flags.Bool("collector.cpu.info", false, "Enables metric cpu_info");
        var cpuFlags = flags.String("collector.cpu.info.flags-include", string.Empty, "Filter the `flags` field in cpuInfo with a value that must be a regular expression");
        var cpuBugs = flags.String("collector.cpu.info.bugs-include", string.Empty, "Filter the `bugs` field in cpuInfo with a value that must be a regular expression");
        var mountExclude = flags.String("collector.filesystem.mount-points-exclude", NodeCollectorOptions.DefaultMountPointsExclude, "Regexp of mount points to exclude for filesystem collector.");
        var fsTypesExclude = flags.String("collector.filesystem.fs-types-exclude", NodeCollectorOptions.DefaultFsTypesExclude, "Regexp of filesystem types to exclude for filesystem collector.");
        var diskExclude = flags.String("collector.diskstats.device-exclude", NodeCollectorOptions.DefaultDiskstatsDeviceExclude, "Regexp of diskstats devices to exclude (mutually exclusive to device-include).");
        var diskInclude = flags.String("collector.diskstats.device-include", string.Empty, "Regexp of diskstats devices to include (mutually exclusive to device-exclude).");
        var netExclude = flags.String("collector.netdev.device-exclude", NodeCollectorOptions.DefaultNetdevDeviceExclude, "Regexp of net devices to exclude (mutually exclusive to device-include).");
        var netInclude = flags.String("collector.netdev.device-include", string.Empty, "Regexp of net devices to include (mutually exclusive to device-exclude).");
        var netstatFields = flags.String("collector.netstat.fields", NodeCollectorOptions.DefaultNetstatFields, "Regexp of fields to return for netstat collector.");
        var vmstatFields = flags.String("collector.vmstat.fields", NodeCollectorOptions.DefaultVmstatFields, "Regexp of fields to return for vmstat collector.");
        var textfileDirectory = flags.String("collector.textfile.directory", string.Empty, "Directory to read text files with metrics from.");
        var logFlags = new LogFlags(flags);

        command.SetAction(async (result, cancellationToken) =>
        {
            using var loggerFactory = logFlags.CreateLoggerFactory(result);
            var logger = loggerFactory.CreateLogger("node_exporter");
            string Value(Option<string> option) => result.GetValue(option) ?? string.Empty;
            try
            {
                var options = new NodeCollectorOptions
                {
                    Paths = new NodePaths(Value(procfs), Value(sysfs), Value(rootfs), Value(udev)),
                    CpuGuest = result.GetValue(cpuGuest),
                    CpuInfo = result.GetValue(cpuInfo),
                    CpuFlagsInclude = OptionalRegex(Value(cpuFlags)),
                    CpuBugsInclude = OptionalRegex(Value(cpuBugs)),
                    MountPointsExclude = new Regex(Value(mountExclude), RegexOptions.CultureInvariant),
                    FsTypesExclude = new Regex(Value(fsTypesExclude), RegexOptions.CultureInvariant),
                    DiskstatsDeviceExclude = OptionalRegex(Value(diskExclude)),
                    DiskstatsDeviceInclude = OptionalRegex(Value(diskInclude)),
                    NetdevDeviceExclude = OptionalRegex(Value(netExclude)),
                    NetdevDeviceInclude = OptionalRegex(Value(netInclude)),
                    NetstatFields = new Regex(Value(netstatFields), RegexOptions.CultureInvariant),
                    VmstatFields = new Regex(Value(vmstatFields), RegexOptions.CultureInvariant),
                    TextfileDirectory = Value(textfileDirectory),
                };
                var enabled = new Dictionary<string, bool>(StringComparer.Ordinal);
                var allOff = result.GetValue(disableDefaults);
                foreach (var (name, defaultEnabled, option) in toggles)
                {
                    var explicitlySet = result.GetResult(option) is { Implicit: false };
                    enabled[name] = explicitlySet ? result.GetValue(option) : defaultEnabled && !allOff;
                }

                var collectors = NodeCollectorCatalog.CreateEnabled(enabled, options);
                logger.LogInformation("Starting node_exporter: version={Version} revision={Revision}", BuildInfo.Version, BuildInfo.Revision);
                foreach (var collector in collectors)
                {
                    logger.LogInformation("Enabled collector: collector={Collector}", collector.Name);
                }

                var registry = new MetricRegistry();
                using var runtime = new DotNetRuntimeCollector();
                if (!result.GetValue(disableExporterMetrics))
                {
                    registry.Register(new ProcessCollector());
                    registry.Register(runtime);
                }

                registry.Register(new NodeBuildInfo(BuildInfo.Version, BuildInfo.Revision));
                registry.Register(new NodeScraper(collectors, loggerFactory.CreateLogger("collector")));

                await using var server = WebServer.Create(web.Resolve(result), loggerFactory);
                var path = Value(telemetryPath);
                server.App.MapTelemetry(path, registry);
                if (path != "/")
                {
                    server.App.MapGet("/", () => Results.Content(LandingPage(path), "text/html; charset=utf-8"));
                }

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

    private static Regex? OptionalRegex(string pattern) =>
        pattern.Length == 0 ? null : new Regex(pattern, RegexOptions.CultureInvariant);

    private static string LandingPage(string telemetryPath) =>
        $"""
        <html>
        <head><title>Node Exporter</title></head>
        <body>
        <h1>Node Exporter</h1>
        <p><a href="{System.Net.WebUtility.HtmlEncode(telemetryPath.TrimStart('/'))}">Metrics</a></p>
        </body>
        </html>
        """;
}
