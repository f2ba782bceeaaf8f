using Pharos.Config;
using Pharos.Model;
using Pharos.Model.Relabel;

namespace Pharos.Notifier;

/// <summary>One <c>alerting.alertmanagers</c> entry: its config, HTTP client and the Alertmanagers discovered for it.</summary>
internal sealed class AlertmanagerSet(string name, AlertmanagerConfig config, HttpClient client)
{
    // Upstream's label for the API path of a discovered Alertmanager, settable by relabeling.
    private const string PathLabel = "__alerts_path__";

    public string Name { get; } = name;

    public AlertmanagerConfig Config { get; } = config;

    public HttpClient Client { get; } = client;

    public IReadOnlyList<AlertmanagerEndpoint> Active { get; private set; } = [];

    public IReadOnlyList<AlertmanagerEndpoint> Dropped { get; private set; } = [];

    /// <summary>Turns discovered targets into Alertmanager URLs as upstream's <c>AlertmanagerFromGroup</c>.</summary>
    public void Update(IReadOnlyList<Labels> targets)
    {
        var active = new List<AlertmanagerEndpoint>();
        var dropped = new List<AlertmanagerEndpoint>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var path = AlertsPath(Config.PathPrefix);
        foreach (var target in targets)
        {
            var b = new LabelsBuilder(target);
            if (!target.Has(LabelNames.Scheme))
            {
                b.Set(LabelNames.Scheme, Config.Scheme);
            }

            if (!target.Has(PathLabel))
            {
                b.Set(PathLabel, path);
            }

            var before = b.ToLabels();
            if (!Relabeler.Process(before, Config.RelabelConfigs, out var after) || after.Get(LabelNames.Address).Length == 0)
            {
                dropped.Add(new AlertmanagerEndpoint(Url(before), Name));
                continue;
            }

            var url = Url(after);
            if (seen.Add(url))
            {
                active.Add(new AlertmanagerEndpoint(url, Name));
            }
        }

        Active = active;
        Dropped = dropped;
    }

    /// <summary>Upstream's <c>postPath</c>: the prefix without trailing slashes, then <c>/api/v2/alerts</c>.</summary>
    internal static string AlertsPath(string prefix)
    {
        var p = prefix.Trim('/');
        return p.Length == 0 ? "/api/v2/alerts" : "/" + p + "/api/v2/alerts";
    }

    private static string Url(Labels l) => $"{l.Get(LabelNames.Scheme)}://{l.Get(LabelNames.Address)}{l.Get(PathLabel)}";
}
