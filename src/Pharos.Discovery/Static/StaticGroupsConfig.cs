using Pharos.Config.Discovery;
using YamlDotNet.RepresentationModel;

namespace Pharos.Discovery.Static;

/// <summary>
/// All <c>static_configs</c> entries of one set, which upstream runs as one provider whose groups are numbered by
/// their position in the list; the manager builds it, the configuration never contains it. The groups carry no
/// source, so identical lists in two jobs compare equal and share a provider.
/// </summary>
internal sealed class StaticGroupsConfig : IServiceDiscoveryConfig
{
    public StaticGroupsConfig(IEnumerable<StaticConfig> entries) =>
        Groups = [.. entries.Select(e => new TargetGroup { Targets = [.. e.Group.Targets], Labels = [.. e.Group.Labels] })];

    public IReadOnlyList<TargetGroup> Groups { get; }

    public string Key => StaticConfig.YamlKey;

    public void WriteTo(YamlMappingNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var list = new YamlSequenceNode();
        foreach (var group in Groups)
        {
            var item = new YamlMappingNode();
            new StaticConfig { Group = group }.WriteTo(item);
            list.Add(item);
        }

        node.Add("groups", list);
    }
}
