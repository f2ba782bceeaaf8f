using Pharos.Model.Relabel;
using Xunit;

namespace Pharos.Model.Tests.Relabel;

/// <summary>Edge cases of every action beyond the main table: empty and missing sources, non-matching regexes, degenerate moduli.</summary>
public sealed class RelabelerEdgeCaseTests
{
    // name, input labels ("a=1,b=2"), rules, expected labels or null when dropped.
    public static TheoryData<string, string, RelabelConfig[], string?> Cases => new()
    {
        { "keep without source labels tests the empty string against the default regex", "a=1", [new() { Action = RelabelAction.Keep }], "a=1" },
        { "keep without source labels and a regex needing text drops", "a=1", [new() { Regex = ".+", RegexSet = true, Action = RelabelAction.Keep }], null },
        { "drop on a missing label with a regex needing text keeps", "a=1", [new() { SourceLabels = ["missing"], Regex = ".+", RegexSet = true, Action = RelabelAction.Drop }], "a=1" },
        { "drop on an empty-string regex drops targets missing the label", "a=1", [new() { SourceLabels = ["missing"], Regex = "", RegexSet = true, Action = RelabelAction.Drop }], null },
        { "keep joins all-missing sources into separators only", "a=1", [new() { SourceLabels = ["x", "y"], Regex = ";", RegexSet = true, Action = RelabelAction.Keep }], "a=1" },
        { "replace not matching leaves an existing target untouched", "a=foo,t=old", [new() { SourceLabels = ["a"], Regex = "bar", RegexSet = true, TargetLabel = "t", Replacement = "new" }], "a=foo,t=old" },
        { "replace onto its own source overwrites it", "a=foo", [new() { SourceLabels = ["a"], Regex = "f(.*)", RegexSet = true, TargetLabel = "a", Replacement = "g$1" }], "a=goo" },
        { "replace of a missing source with the default regex deletes the target", "t=old", [new() { SourceLabels = ["missing"], TargetLabel = "t" }], "" },
        { "labelmap without a match changes nothing", "a=1,b=2", [new() { Regex = "z(.*)", RegexSet = true, Action = RelabelAction.LabelMap }], "a=1,b=2" },
        { "labelkeep matching nothing leaves an empty set, not a drop", "a=1,b=2", [new() { Regex = "z", RegexSet = true, Action = RelabelAction.LabelKeep }], "" },
        { "labeldrop matching nothing changes nothing", "a=1", [new() { Regex = "z", RegexSet = true, Action = RelabelAction.LabelDrop }], "a=1" },
        { "lowercase joins several sources with the separator", "a=X,b=Y", [new() { SourceLabels = ["a", "b"], TargetLabel = "l", Action = RelabelAction.Lowercase }], "a=X,b=Y,l=x;y" },
        { "hashmod with modulus one is always zero", "a=anything", [new() { SourceLabels = ["a"], Modulus = 1, TargetLabel = "h", Action = RelabelAction.HashMod }], "a=anything,h=0" },
        { "keepequal with only the target present drops", "b=1", [new() { SourceLabels = ["a"], TargetLabel = "b", Action = RelabelAction.KeepEqual }], null },
        { "dropequal with only the source present keeps", "a=1", [new() { SourceLabels = ["a"], TargetLabel = "b", Action = RelabelAction.DropEqual }], "a=1" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Edge_cases_behave_as_upstream(string name, string input, RelabelConfig[] rules, string? expected)
    {
        var kept = Relabeler.Process(RelabelerTests.Parse(input), rules, out var result);

        Assert.True(kept == (expected is not null), name);
        Assert.Equal(expected is null ? Labels.Empty : RelabelerTests.Parse(expected), result);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    public void Hashmod_puts_every_bucket_within_a_fifth_of_its_share(int modulus)
    {
        const int Targets = 10_000;
        var counts = new int[modulus];
        for (var i = 0; i < Targets; i++)
        {
            counts[Relabeler.HashMod($"host-{i}.example:9100", (ulong)modulus)]++;
        }

        var share = Targets / modulus;
        Assert.All(counts, c => Assert.InRange(c, share * 4 / 5, share * 6 / 5));
    }
}
