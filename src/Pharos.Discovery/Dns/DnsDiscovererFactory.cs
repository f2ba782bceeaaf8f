using Pharos.Config.Discovery;

namespace Pharos.Discovery.Dns;

/// <summary><c>dns_sd_configs</c>.</summary>
internal sealed class DnsDiscovererFactory : IDiscovererFactory
{
    public Type ConfigType => typeof(DnsSdConfig);

    public IDiscoverer Create(IServiceDiscoveryConfig config, DiscovererOptions options) => new DnsDiscoverer((DnsSdConfig)config, options);
}
