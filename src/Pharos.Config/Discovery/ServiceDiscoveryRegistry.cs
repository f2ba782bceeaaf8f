using System.Collections.Concurrent;

namespace Pharos.Config.Discovery;

/// <summary>
/// The service discovery mechanisms the configuration knows, by YAML key, as upstream's <c>discovery.RegisterConfig</c>.
/// Static, file, HTTP, DNS and Kubernetes are built in; another project may replace or add one at start-up, before
/// loading configurations. Thread-safe.
/// </summary>
public static class ServiceDiscoveryRegistry
{
    private static readonly ConcurrentDictionary<string, Func<ConfigSection, IServiceDiscoveryConfig>> Readers = new(StringComparer.Ordinal)
    {
        [StaticConfig.YamlKey] = StaticConfig.Read,
        [FileSdConfig.YamlKey] = FileSdConfig.Read,
        [HttpSdConfig.YamlKey] = HttpSdConfig.Read,
        [DnsSdConfig.YamlKey] = DnsSdConfig.Read,
        [KubernetesSdConfig.YamlKey] = KubernetesSdConfig.Read,
    };

    /// <summary>The registered keys.</summary>
    public static IReadOnlyCollection<string> Keys => [.. Readers.Keys];

    /// <summary>Registers (or replaces) the reader for one list key.</summary>
    /// <param name="yamlKey">The key, e.g. <c>consul_sd_configs</c>.</param>
    /// <param name="read">Reads and validates one entry; must call <see cref="ConfigSection.Finish"/> and throw <see cref="ConfigException"/> on errors.</param>
    public static void Register(string yamlKey, Func<ConfigSection, IServiceDiscoveryConfig> read)
    {
        ArgumentException.ThrowIfNullOrEmpty(yamlKey);
        ArgumentNullException.ThrowIfNull(read);
        Readers[yamlKey] = read;
    }

    /// <summary>Looks up the reader for a key.</summary>
    /// <param name="yamlKey">The key.</param>
    /// <param name="read">The reader.</param>
    /// <returns>True when registered.</returns>
    public static bool TryGet(string yamlKey, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Func<ConfigSection, IServiceDiscoveryConfig>? read) =>
        Readers.TryGetValue(yamlKey, out read);
}
