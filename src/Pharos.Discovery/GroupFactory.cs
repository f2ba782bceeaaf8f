using Pharos.Model;

namespace Pharos.Discovery;

/// <summary>Builds <see cref="DiscoveredTargetGroup"/>s from the <c>{targets, labels}</c> shape shared by static, file and HTTP discovery.</summary>
internal static class GroupFactory
{
    /// <summary>Each target becomes <c>{__address__="target"}</c>; the group labels get <paramref name="extraName"/> when given.</summary>
    public static DiscoveredTargetGroup Create(
        string source,
        IEnumerable<string> targets,
        IEnumerable<KeyValuePair<string, string>> labels,
        string? extraName = null,
        string? extraValue = null)
    {
        var list = new List<Labels>();
        foreach (var target in targets)
        {
            list.Add(Labels.FromStrings(LabelNames.Address, target));
        }

        var builder = new LabelsBuilder();
        foreach (var (name, value) in labels)
        {
            builder.Set(name, value);
        }

        if (extraName is not null)
        {
            builder.Set(extraName, extraValue ?? "");
        }

        return new DiscoveredTargetGroup(source, list, builder.ToLabels());
    }

    /// <summary>An empty group: tells the manager the targets once under <paramref name="source"/> are gone.</summary>
    public static DiscoveredTargetGroup Empty(string source) => new(source, [], Labels.Empty);
}
