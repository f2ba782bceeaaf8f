namespace Pharos.Cli.Stack;

/// <summary>
/// One component <c>pharos stack</c> runs: the subcommand it invokes, the upstream default port (overridable with
/// <c>--stack.NAME-port</c>), and the arguments beyond <c>--web.listen-address</c> and the log flags, which the stack
/// adds to every component.
/// </summary>
/// <param name="Name">The subcommand name, e.g. <c>pushgateway</c>.</param>
/// <param name="DefaultPort">The upstream default port.</param>
/// <param name="Arguments">The component's own arguments, given the stack's data directory.</param>
/// <param name="Prepare">Creates what the component needs under the data directory before it starts, knowing every component's port; may be null.</param>
public sealed record StackComponent(
    string Name,
    int DefaultPort,
    Func<string, IEnumerable<string>> Arguments,
    Action<StackLayout>? Prepare = null)
{
    /// <summary>
    /// Every component that exists today, in start order. Adding one is one line here (the alertmanager on
    /// 9093 joins when its subcommand lands).
    /// </summary>
    public static IReadOnlyList<StackComponent> Defaults { get; } =
    [
        new(
            "server",
            9090,
            data => ["--config.file=" + Path.Combine(data, "prometheus.yml"), "--storage.tsdb.path=" + Path.Combine(data, "prometheus"), "--web.enable-lifecycle"],
            layout => DefaultPrometheusConfig.WriteIfAbsent(Path.Combine(layout.DataDirectory, "prometheus.yml"), layout)),
        new("pushgateway", 9091, data => ["--persistence.file=" + Path.Combine(data, "pushgateway", "metrics.db")], layout => Directory.CreateDirectory(Path.Combine(layout.DataDirectory, "pushgateway"))),
        new("node-exporter", 9100, _ => []),
        new("blackbox-exporter", 9115, data => ["--config.file=" + Path.Combine(data, "blackbox.yml")], layout => DefaultBlackboxModules.WriteIfAbsent(Path.Combine(layout.DataDirectory, "blackbox.yml"))),
    ];

    /// <summary>The name of the flag that overrides this component's port.</summary>
    public string PortFlag => $"stack.{Name}-port";
}
