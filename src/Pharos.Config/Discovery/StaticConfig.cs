using Pharos.Model;
using YamlDotNet.RepresentationModel;

namespace Pharos.Config.Discovery;

/// <summary>One entry of <c>static_configs</c>: a target group written in the configuration.</summary>
public sealed class StaticConfig : IServiceDiscoveryConfig
{
    /// <summary>The YAML key of the list.</summary>
    public const string YamlKey = "static_configs";

    /// <inheritdoc />
    public string Key => YamlKey;

    /// <summary>The group.</summary>
    public TargetGroup Group { get; set; } = new();

    /// <inheritdoc />
    public void WriteTo(YamlMappingNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        node.Add("targets", new YamlSequenceNode(Group.Targets.Select(t => new YamlScalarNode(t))));
        if (Group.Labels.Count > 0)
        {
            var labels = new YamlMappingNode();
            foreach (var (k, v) in Group.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                labels.Add(k, v);
            }

            node.Add("labels", labels);
        }
    }

    internal static IServiceDiscoveryConfig Read(ConfigSection m)
    {
        var group = new TargetGroup
        {
            Targets = m.StringList("targets") ?? [],
            Source = m.Path,
        };
        if (m.StringMap("labels", out var keys) is { } labels)
        {
            foreach (var (name, _) in labels)
            {
                if (!NameValidation.IsValidLabelName(name))
                {
                    throw m.Error(keys[name], ConfigSection.Join(m.Path, "labels"), $"\"{name}\" is not a valid label name");
                }
            }

            group.Labels = labels;
        }

        m.Finish();
        return new StaticConfig { Group = group };
    }
}
