using System.Collections.Concurrent;
using Pharos.Config.Discovery;
using Pharos.Discovery.Dns;
using Pharos.Discovery.File;
using Pharos.Discovery.Http;
using Pharos.Discovery.Static;

namespace Pharos.Discovery;

/// <summary>
/// The discovery mechanisms a <see cref="DiscoveryManager"/> can run, keyed by configuration type. Thread-safe;
/// register before applying configurations that use the mechanism.
/// </summary>
public sealed class DiscovererRegistry
{
    private readonly ConcurrentDictionary<Type, IDiscovererFactory> _factories = new();

    /// <summary>A registry with the built-in static, file, HTTP and DNS mechanisms.</summary>
    public static DiscovererRegistry Default { get; } = CreateWithBuiltIns();

    /// <summary>Creates a registry holding the built-in mechanisms, for callers that want their own set.</summary>
    /// <returns>The registry.</returns>
    public static DiscovererRegistry CreateWithBuiltIns()
    {
        var registry = new DiscovererRegistry();
        registry.Register(new StaticDiscovererFactory());
        registry.Register(new FileDiscovererFactory());
        registry.Register(new HttpDiscovererFactory());
        registry.Register(new DnsDiscovererFactory());
        return registry;
    }

    /// <summary>Adds or replaces the factory for its <see cref="IDiscovererFactory.ConfigType"/>.</summary>
    /// <param name="factory">The factory.</param>
    public void Register(IDiscovererFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factories[factory.ConfigType] = factory;
    }

    /// <summary>Finds the factory for a configuration's concrete type.</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="factory">The factory when found.</param>
    /// <returns>True when a mechanism is registered for the type.</returns>
    public bool TryGet(IServiceDiscoveryConfig config, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IDiscovererFactory? factory)
    {
        ArgumentNullException.ThrowIfNull(config);
        return _factories.TryGetValue(config.GetType(), out factory);
    }
}
