using Pharos.Model.Relabel;
using Xunit;

namespace Pharos.Model.Tests.Relabel;

public sealed class RelabelConfigValidationTests
{
    public static TheoryData<string, RelabelConfig, string?> Cases => new()
    {
        { "defaults need a target", new(), "relabel configuration for replace action requires 'target_label' value" },
        { "replace with target", new() { TargetLabel = "a" }, null },
        { "hashmod needs modulus", new() { TargetLabel = "a", Action = RelabelAction.HashMod }, "relabel configuration for hashmod requires non-zero modulus" },
        { "hashmod needs target", new() { Modulus = 2, Action = RelabelAction.HashMod }, "relabel configuration for hashmod action requires 'target_label' value" },
        { "lowercase needs target", new() { Action = RelabelAction.Lowercase }, "relabel configuration for lowercase action requires 'target_label' value" },
        { "uppercase rejects a replacement", new() { TargetLabel = "a", Replacement = "x", Action = RelabelAction.Uppercase }, "'replacement' can not be set for uppercase action" },
        { "keepequal rejects a regex, even the default one written out", new() { TargetLabel = "a", RegexSet = true, Action = RelabelAction.KeepEqual }, "keepequal action requires only 'source_labels' and `target_label`, and no other fields" },
        { "dropequal rejects a separator", new() { TargetLabel = "a", Separator = ",", Action = RelabelAction.DropEqual }, "dropequal action requires only 'source_labels' and `target_label`, and no other fields" },
        { "labeldrop rejects source labels", new() { SourceLabels = ["a"], SourceLabelsSet = true, Regex = "x", RegexSet = true, Action = RelabelAction.LabelDrop }, "labeldrop action requires only 'regex', and no other fields" },
        { "labelkeep rejects a target", new() { TargetLabel = "a", Action = RelabelAction.LabelKeep }, "labelkeep action requires only 'regex', and no other fields" },
        { "labelmap with a template replacement", new() { Regex = "(.+)", RegexSet = true, Replacement = "x_${1}", Action = RelabelAction.LabelMap }, null },
        { "invalid regex", new() { TargetLabel = "a", Regex = "a(", RegexSet = true }, "error parsing regexp: missing closing ): `a(` at position 1" },
        { "keep and drop need nothing else", new() { SourceLabels = ["a"], Action = RelabelAction.Keep }, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validation_matches_upstream(string name, RelabelConfig config, string? expected)
    {
        var valid = config.TryValidate(NameValidationScheme.Utf8, out var error);
        Assert.True(expected is null == valid, $"{name}: {error}");
        if (expected is not null)
        {
            Assert.StartsWith(expected.Split(" at position")[0], error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("label_$1", true)]
    [InlineData("${1}_suffix", true)]
    [InlineData("$1", true)]
    [InlineData("foo-bar", false)]
    [InlineData("1abc", false)]
    public void Legacy_target_labels_follow_the_upstream_template_pattern(string target, bool valid)
    {
        var config = new RelabelConfig { TargetLabel = target };
        Assert.Equal(valid, config.TryValidate(NameValidationScheme.Legacy, out _));
    }

    [Theory]
    [InlineData("replace", RelabelAction.Replace)]
    [InlineData("LabelMap", RelabelAction.LabelMap)]
    [InlineData("KEEPEQUAL", RelabelAction.KeepEqual)]
    public void Action_names_parse_case_insensitively(string text, RelabelAction action)
    {
        Assert.True(RelabelConfig.TryParseAction(text, out var parsed));
        Assert.Equal(action, parsed);
        Assert.False(RelabelConfig.TryParseAction("rename", out _));
    }
}
