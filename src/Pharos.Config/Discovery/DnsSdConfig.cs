using System.Globalization;
using Pharos.Model;
using YamlDotNet.RepresentationModel;

namespace Pharos.Config.Discovery;

/// <summary>One entry of <c>dns_sd_configs</c>: DNS names resolved as SRV (default), A, AAAA, MX or NS records.</summary>
public sealed class DnsSdConfig : IServiceDiscoveryConfig
{
    /// <summary>The YAML key of the list.</summary>
    public const string YamlKey = "dns_sd_configs";

    /// <inheritdoc />
    public string Key => YamlKey;

    /// <summary>The names to resolve.</summary>
    public List<string> Names { get; set; } = [];

    /// <summary>Resolution interval (default 30s).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The record type, upper case: SRV, A, AAAA, MX or NS.</summary>
    public string Type { get; set; } = "SRV";

    /// <summary>The port for record types that carry none (all but SRV).</summary>
    public int Port { get; set; }

    /// <inheritdoc />
    public void WriteTo(YamlMappingNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        node.Add("names", new YamlSequenceNode(Names.Select(n => new YamlScalarNode(n))));
        node.Add("refresh_interval", PrometheusDuration.Format(RefreshInterval));
        node.Add("type", Type);
        node.Add("port", Port.ToString(CultureInfo.InvariantCulture));
    }

    internal static IServiceDiscoveryConfig Read(ConfigSection m)
    {
        var c = new DnsSdConfig
        {
            Names = m.StringList("names") ?? [],
            RefreshInterval = m.Duration("refresh_interval") ?? TimeSpan.FromSeconds(30),
            Type = m.String("type") ?? "SRV",
            Port = (int)(m.Int("port") ?? 0),
        };
        m.Finish();
        if (c.Names.Count == 0)
        {
            throw m.Error("DNS-SD config must contain at least one SRV record name");
        }

        switch (c.Type.ToUpperInvariant())
        {
            case "SRV":
                break;
            case "A" or "AAAA" or "MX" or "NS":
                if (c.Port == 0)
                {
                    throw m.Error("port", "a port is required in DNS-SD configs for all record types except SRV");
                }

                break;
            default:
                throw m.Error("type", $"invalid DNS-SD records type {c.Type}");
        }

        c.Type = c.Type.ToUpperInvariant();
        return c;
    }
}
