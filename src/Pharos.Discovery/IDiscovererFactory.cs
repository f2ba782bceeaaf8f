using Pharos.Config.Discovery;

namespace Pharos.Discovery;

/// <summary>
/// Creates discoverers for one configuration type, registered with <see cref="DiscovererRegistry"/> so another
/// project (Kubernetes) adds a mechanism without touching the manager, as upstream's <c>discovery.Config.NewDiscoverer</c>.
/// </summary>
public interface IDiscovererFactory
{
    /// <summary>The concrete <see cref="IServiceDiscoveryConfig"/> type this factory handles.</summary>
    Type ConfigType { get; }

    /// <summary>Creates a discoverer for one configuration entry; it starts only when the manager runs it.</summary>
    /// <param name="config">An instance of <see cref="ConfigType"/>.</param>
    /// <param name="options">Shared services: clock, logger, metrics, paths.</param>
    /// <returns>The discoverer.</returns>
    /// <exception cref="InvalidOperationException">The configuration cannot be used (counted in <c>prometheus_sd_failed_configs</c>).</exception>
    IDiscoverer Create(IServiceDiscoveryConfig config, DiscovererOptions options);
}
