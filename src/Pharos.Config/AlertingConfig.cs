using Pharos.Model;
using Pharos.Model.Relabel;

namespace Pharos.Config;

/// <summary><c>alerting</c>: global alert relabeling and the Alertmanagers to notify.</summary>
public sealed class AlertingConfig
{
    /// <summary>Relabeling applied to every alert before it is sent.</summary>
    public List<RelabelConfig> AlertRelabelConfigs { get; set; } = [];

    /// <summary>The Alertmanager sets.</summary>
    public List<AlertmanagerConfig> Alertmanagers { get; set; } = [];

    internal static AlertingConfig Read(ConfigSection? m, NameValidationScheme scheme)
    {
        var c = new AlertingConfig();
        if (m is null)
        {
            return c;
        }

        c.AlertRelabelConfigs = RelabelConfigReader.ReadList(m, "alert_relabel_configs", scheme, "empty or null alert relabeling rule");
        c.Alertmanagers = m.List("alertmanagers", (node, path, _) => AlertmanagerConfig.Read(m.Open(node!, path, "AlertmanagerConfig"), scheme), "empty or null Alertmanager config") ?? [];
        m.Finish();
        return c;
    }
}
