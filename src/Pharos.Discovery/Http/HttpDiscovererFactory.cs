using Pharos.Config.Discovery;

namespace Pharos.Discovery.Http;

/// <summary><c>http_sd_configs</c>.</summary>
internal sealed class HttpDiscovererFactory : IDiscovererFactory
{
    public Type ConfigType => typeof(HttpSdConfig);

    public IDiscoverer Create(IServiceDiscoveryConfig config, DiscovererOptions options) => new HttpDiscoverer((HttpSdConfig)config, options);
}
