namespace Pharos.Cli.Stack;

/// <summary>
/// The <c>prometheus.yml</c> <c>pharos stack</c> writes to <c>DATA/prometheus.yml</c> when none is there: the server
/// scrapes itself and every other stack component (on the ports the stack runs them on; upstream's defaults unless
/// overridden), every 15 seconds as upstream's example configuration does.
/// </summary>
public static class DefaultPrometheusConfig
{
    /// <summary>The YAML text for the upstream default ports, compiled into the executable.</summary>
    public const string Yaml =
        """
        # Default configuration written by `pharos stack`. Edit freely: this file is only written when absent.
        # Reload with `curl -X POST localhost:9090/-/reload` (or send SIGHUP).
        global:
          scrape_interval: 15s
          evaluation_interval: 15s

        scrape_configs:
          - job_name: prometheus
            static_configs:
              - targets: ["localhost:9090"]
          - job_name: pushgateway
            honor_labels: true
            static_configs:
              - targets: ["localhost:9091"]
          - job_name: node
            static_configs:
              - targets: ["localhost:9100"]
          - job_name: blackbox
            static_configs:
              - targets: ["localhost:9115"]

        """;

    /// <summary>The configuration for a stack layout: <see cref="Yaml"/> with the layout's host and ports.</summary>
    /// <param name="layout">The stack's host and ports.</param>
    /// <returns>The YAML text.</returns>
    public static string For(StackLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);

        // Scrape over the address the stack listens on; "localhost" may resolve to ::1 first while the stack listens on IPv4 only.
        var host = layout.Host is "" or "0.0.0.0" or "::" ? "localhost" : layout.Host.Contains(':', StringComparison.Ordinal) ? "[" + layout.Host + "]" : layout.Host;
        var yaml = Yaml;
        foreach (var (name, defaultPort) in new[] { ("server", 9090), ("pushgateway", 9091), ("node-exporter", 9100), ("blackbox-exporter", 9115) })
        {
            var port = layout.Ports.TryGetValue(name, out var p) ? p : defaultPort;
            yaml = yaml.Replace($"\"localhost:{defaultPort}\"", $"\"{host}:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"", StringComparison.Ordinal);
        }

        return yaml;
    }

    /// <summary>Writes the configuration for <paramref name="layout"/> to <paramref name="path"/> unless a file is already there.</summary>
    /// <param name="path">The configuration file.</param>
    /// <param name="layout">The stack's host and ports.</param>
    /// <returns>Whether the file was written.</returns>
    public static bool WriteIfAbsent(string path, StackLayout layout)
    {
        if (File.Exists(path))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, For(layout));
        return true;
    }
}
