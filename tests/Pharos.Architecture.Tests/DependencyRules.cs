namespace Pharos.Architecture.Tests;

/// <summary>
/// The allowed project references of DESIGN.md's dependency table. Dependencies point down toward the model; a
/// project missing from this table fails the tests, so a new edge is always a conscious edit here.
/// </summary>
internal static class DependencyRules
{
    /// <summary>Hosts never reference each other; only the CLI references them.</summary>
    public static readonly string[] Hosts =
        ["Pharos.Server", "Pharos.Alertmanager", "Pharos.Pushgateway", "Pharos.Exporters", "Pharos.Dashboards", "Pharos.Tool"];

    /// <summary>Projects that may reference the TSDB implementation.</summary>
    public static readonly string[] TsdbConsumers = ["Pharos.Server", "Pharos.Remote", "Pharos.Tool", "Pharos.Cli"];

    /// <summary>Direct references each source project may have.</summary>
    public static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Pharos.Model"] = [],
        ["Pharos.Client"] = [],
        ["Pharos.Client.AspNetCore"] = ["Pharos.Client"],
        ["Pharos.Exposition"] = ["Pharos.Model"],
        ["Pharos.Storage"] = ["Pharos.Model"],
        ["Pharos.Templating"] = ["Pharos.Model"],
        ["Pharos.Discovery"] = ["Pharos.Model", "Pharos.Config", "Pharos.Client"],
        ["Pharos.Config"] = ["Pharos.Model"],
        ["Pharos.Tsdb"] = ["Pharos.Model", "Pharos.Storage"],
        ["Pharos.PromQL"] = ["Pharos.Model", "Pharos.Storage"],
        ["Pharos.Kubernetes"] = ["Pharos.Model", "Pharos.Discovery", "Pharos.Config"],
        ["Pharos.Scrape"] = ["Pharos.Model", "Pharos.Storage", "Pharos.Exposition", "Pharos.Discovery", "Pharos.Config", "Pharos.Client"],
        ["Pharos.Rules"] = ["Pharos.Model", "Pharos.Storage", "Pharos.PromQL", "Pharos.Templating", "Pharos.Config", "Pharos.Client"],
        ["Pharos.Notifier"] = ["Pharos.Model", "Pharos.Config", "Pharos.Client"],
        ["Pharos.Remote"] = ["Pharos.Model", "Pharos.Storage", "Pharos.Tsdb", "Pharos.Config", "Pharos.Client"],
        ["Pharos.Web"] = ["Pharos.Model", "Pharos.Storage", "Pharos.PromQL", "Pharos.Exposition", "Pharos.Config", "Pharos.Client"],
        ["Pharos.Hosting"] = ["Pharos.Model", "Pharos.Client"],
        ["Pharos.Server"] =
        [
            "Pharos.Model", "Pharos.Exposition", "Pharos.Storage", "Pharos.Tsdb", "Pharos.PromQL", "Pharos.Templating",
            "Pharos.Config", "Pharos.Discovery", "Pharos.Kubernetes", "Pharos.Scrape", "Pharos.Rules", "Pharos.Notifier",
            "Pharos.Remote", "Pharos.Web", "Pharos.Hosting", "Pharos.Client",
        ],
        ["Pharos.Alertmanager"] = ["Pharos.Model", "Pharos.Templating", "Pharos.Hosting", "Pharos.Client"],
        ["Pharos.Pushgateway"] = ["Pharos.Model", "Pharos.Exposition", "Pharos.Hosting", "Pharos.Client"],
        ["Pharos.Exporters"] = ["Pharos.Model", "Pharos.Exposition", "Pharos.Kubernetes", "Pharos.Hosting", "Pharos.Client"],
        ["Pharos.Dashboards"] = ["Pharos.Model", "Pharos.Hosting", "Pharos.Client"],
        ["Pharos.Tool"] =
        [
            "Pharos.Model", "Pharos.Exposition", "Pharos.Storage", "Pharos.Tsdb", "Pharos.PromQL", "Pharos.Config",
            "Pharos.Rules", "Pharos.Templating", "Pharos.Hosting",
        ],
        ["Pharos.Cli"] =
        [
            "Pharos.Hosting", "Pharos.Server", "Pharos.Alertmanager", "Pharos.Pushgateway", "Pharos.Exporters",
            "Pharos.Dashboards", "Pharos.Tool",
        ],
    };
}
