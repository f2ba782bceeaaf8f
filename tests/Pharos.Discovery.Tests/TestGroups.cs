using Pharos.Model;

namespace Pharos.Discovery.Tests;

internal static class TestGroups
{
    /// <summary>A group whose targets are the given addresses.</summary>
    public static DiscoveredTargetGroup Group(string source, params string[] addresses) =>
        new(source, [.. addresses.Select(a => Labels.FromStrings(LabelNames.Address, a))], Labels.Empty);

    /// <summary>The addresses of all groups of one set, in snapshot order.</summary>
    public static string[] Addresses(IReadOnlyDictionary<string, IReadOnlyList<DiscoveredTargetGroup>> snapshot, string setName) =>
        snapshot.TryGetValue(setName, out var groups)
            ? [.. groups.SelectMany(g => g.Targets).Select(t => t.Get(LabelNames.Address))]
            : [];
}
