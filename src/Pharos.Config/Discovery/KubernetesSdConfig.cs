using YamlDotNet.RepresentationModel;

namespace Pharos.Config.Discovery;

/// <summary>
/// One entry of <c>kubernetes_sd_configs</c>, parsed and validated as upstream. Discovery itself belongs to the
/// Kubernetes project, which may register its own reader under the same key.
/// </summary>
public sealed class KubernetesSdConfig : IServiceDiscoveryConfig
{
    /// <summary>The YAML key of the list.</summary>
    public const string YamlKey = "kubernetes_sd_configs";

    private static readonly string[] Roles = ["pod", "service", "endpoints", "endpointslice", "node", "ingress"];

    /// <inheritdoc />
    public string Key => YamlKey;

    /// <summary>What to discover: pod, service, endpoints, endpointslice, node or ingress.</summary>
    public string Role { get; set; } = "";

    /// <summary>The API server URL; empty means in-cluster.</summary>
    public string ApiServer { get; set; } = "";

    /// <summary>A kubeconfig file, exclusive with <see cref="ApiServer"/>.</summary>
    public string KubeconfigFile { get; set; } = "";

    /// <summary>Whether to watch the namespace Prometheus runs in.</summary>
    public bool OwnNamespace { get; set; }

    /// <summary>Namespaces to watch; empty means all.</summary>
    public List<string> Namespaces { get; set; } = [];

    /// <summary>Label and field selectors per role.</summary>
    public List<(string Role, string Label, string Field)> Selectors { get; set; } = [];

    /// <summary>Whether node metadata is attached to pod and endpoint targets.</summary>
    public bool AttachNodeMetadata { get; set; }

    /// <summary>Whether namespace metadata is attached.</summary>
    public bool AttachNamespaceMetadata { get; set; }

    /// <summary>HTTP client settings for the API server.</summary>
    public HttpClientConfig HttpClientConfig { get; set; } = new();

    /// <inheritdoc />
    public void WriteTo(YamlMappingNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        node.Add("role", Role);
        if (ApiServer.Length > 0)
        {
            node.Add("api_server", ApiServer);
        }

        node.Add("kubeconfig_file", KubeconfigFile);
        ConfigWriter.AppendHttpClientConfig(node, HttpClientConfig);
        var ns = new YamlMappingNode { { "own_namespace", OwnNamespace ? "true" : "false" } };
        if (Namespaces.Count > 0)
        {
            ns.Add("names", new YamlSequenceNode(Namespaces.Select(n => new YamlScalarNode(n))));
        }

        node.Add("namespaces", ns);
        if (Selectors.Count > 0)
        {
            var selectors = new YamlSequenceNode();
            foreach (var (role, label, field) in Selectors)
            {
                var s = new YamlMappingNode { { "role", role } };
                if (label.Length > 0)
                {
                    s.Add("label", label);
                }

                if (field.Length > 0)
                {
                    s.Add("field", field);
                }

                selectors.Add(s);
            }

            node.Add("selectors", selectors);
        }
    }

    internal static IServiceDiscoveryConfig Read(ConfigSection m)
    {
        var c = new KubernetesSdConfig
        {
            Role = m.String("role") ?? "",
            ApiServer = m.String("api_server") ?? "",
            KubeconfigFile = m.String("kubeconfig_file") ?? "",
            HttpClientConfig = HttpClientConfig.Read(m),
        };
        if (m.Map("namespaces", "NamespaceDiscovery") is { } ns)
        {
            c.OwnNamespace = ns.Bool("own_namespace") ?? false;
            c.Namespaces = ns.StringList("names") ?? [];
            ns.Finish();
        }

        if (m.Map("attach_metadata", "AttachMetadataConfig") is { } attach)
        {
            c.AttachNodeMetadata = attach.Bool("node") ?? false;
            c.AttachNamespaceMetadata = attach.Bool("namespace") ?? false;
            attach.Finish();
        }

        var selectors = m.List("selectors", (node, path, _) =>
        {
            if (node is null)
            {
                return (Role: "", Label: "", Field: "");
            }

            var s = m.Open(node, path, "SelectorConfig");
            var entry = (Role: s.String("role") ?? "", Label: s.String("label") ?? "", Field: s.String("field") ?? "");
            s.Finish();
            return entry;
        }) ?? [];
        c.Selectors = selectors;
        m.Finish();

        if (c.Role.Length == 0)
        {
            throw m.Error("role missing (one of: pod, service, endpoints, endpointslice, node, ingress)");
        }

        if (!Roles.Contains(c.Role))
        {
            throw m.Error("role", $"unknown Kubernetes SD role \"{c.Role}\"");
        }

        if (c.ApiServer.Length > 0 && !HttpClientConfig.TryParseUrl(c.ApiServer, out var urlError))
        {
            throw m.Error("api_server", urlError);
        }

        if (c.ApiServer.Length > 0 && c.KubeconfigFile.Length > 0)
        {
            throw m.Error("cannot use 'kubeconfig_file' and 'api_server' simultaneously");
        }

        if (c.KubeconfigFile.Length > 0 && !c.HttpClientConfig.IsDefault)
        {
            throw m.Error("cannot use 'kubeconfig_file' and custom HTTP client configuration simultaneously");
        }

        if (c.ApiServer.Length == 0 && c.KubeconfigFile.Length == 0 && !c.HttpClientConfig.IsDefault)
        {
            throw m.Error("to use custom HTTP client configuration please provide the 'api_server' URL explicitly");
        }

        var allowed = c.Role switch
        {
            "endpoints" => new[] { "pod", "service", "endpoints" },
            "endpointslice" => ["pod", "service", "endpointslice"],
            _ => [c.Role],
        };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (role, _, _) in selectors)
        {
            if (!Roles.Contains(role))
            {
                throw m.Error("selectors", $"invalid selector role \"{role}\"");
            }

            if (!allowed.Contains(role))
            {
                throw m.Error("selectors", $"{c.Role} role supports only {string.Join(", ", allowed)} selectors");
            }

            if (!seen.Add(role))
            {
                throw m.Error("selectors", $"duplicated selector role: {role}");
            }
        }

        return c;
    }
}
