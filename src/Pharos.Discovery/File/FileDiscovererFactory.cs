using Pharos.Config.Discovery;

namespace Pharos.Discovery.File;

/// <summary><c>file_sd_configs</c>.</summary>
internal sealed class FileDiscovererFactory : IDiscovererFactory
{
    public Type ConfigType => typeof(FileSdConfig);

    public IDiscoverer Create(IServiceDiscoveryConfig config, DiscovererOptions options) => new FileDiscoverer((FileSdConfig)config, options);
}
