using YamlDotNet.RepresentationModel;

namespace Pharos.Config.Discovery;

/// <summary>
/// One entry of a service discovery list in a scrape or Alertmanager configuration (<c>static_configs</c>,
/// <c>file_sd_configs</c>, …). Mechanisms register a reader with <see cref="ServiceDiscoveryRegistry"/> under their
/// YAML key; the discovery runtime later matches on the concrete type.
/// </summary>
public interface IServiceDiscoveryConfig
{
    /// <summary>The YAML key of the list this entry came from, e.g. <c>file_sd_configs</c>.</summary>
    string Key { get; }

    /// <summary>Writes the entry's effective fields (defaults filled in, secrets redacted) into <paramref name="node"/>.</summary>
    /// <param name="node">An empty mapping to fill.</param>
    void WriteTo(YamlMappingNode node);
}
