using Pharos.Model.Relabel;
using Xunit;

namespace Pharos.Model.Tests.Relabel;

public sealed class RelabelerTests
{
    // name, input labels ("a=1,b=2"), rules, expected labels or null when dropped.
    public static TheoryData<string, string, RelabelConfig[], string?> Cases => new()
    {
        { "replace with defaults copies the source", "a=foo", [new() { SourceLabels = ["a"], TargetLabel = "b" }], "a=foo,b=foo" },
        { "replace joins sources with the separator", "a=x,b=y", [new() { SourceLabels = ["a", "b"], TargetLabel = "c" }], "a=x,b=y,c=x;y" },
        { "replace custom separator", "a=x,b=y", [new() { SourceLabels = ["a", "b"], Separator = "-", TargetLabel = "c" }], "a=x,b=y,c=x-y" },
        { "replace missing sources join as empty", "a=x", [new() { SourceLabels = ["a", "missing"], TargetLabel = "c" }], "a=x,c=x;" },
        { "replace with no source labels writes the literal replacement", "a=x", [new() { TargetLabel = "c", Replacement = "static" }], "a=x,c=static" },
        { "replace empty result deletes the target", "a=x,c=old", [new() { SourceLabels = ["missing"], TargetLabel = "c" }], "a=x" },
        { "replace regex not matching leaves labels alone", "a=foo", [new() { SourceLabels = ["a"], Regex = "bar", RegexSet = true, TargetLabel = "b" }], "a=foo" },
        { "replace regex is fully anchored", "a=xfoox", [new() { SourceLabels = ["a"], Regex = "foo", RegexSet = true, TargetLabel = "b", Replacement = "hit" }], "a=xfoox" },
        { "replace numbered groups", "a=host:9100", [new() { SourceLabels = ["a"], Regex = "(.*):(.*)", RegexSet = true, TargetLabel = "p", Replacement = "$2/$1" }], "a=host:9100,p=9100/host" },
        { "replace braced group followed by text", "a=host:9100", [new() { SourceLabels = ["a"], Regex = "(.*):.*", RegexSet = true, TargetLabel = "h", Replacement = "${1}_x" }], "a=host:9100,h=host_x" },
        { "replace $1x is the group named 1x, empty", "a=v", [new() { SourceLabels = ["a"], TargetLabel = "h", Replacement = "$1x" }], "a=v" },
        { "replace named group", "a=web-01", [new() { SourceLabels = ["a"], Regex = "(?P<app>[a-z]+)-(?P<n>\\d+)", RegexSet = true, TargetLabel = "app", Replacement = "${app}" }], "a=web-01,app=web" },
        { "replace named group by bare name", "a=web-01", [new() { SourceLabels = ["a"], Regex = "(?P<app>[a-z]+)-(\\d+)", RegexSet = true, TargetLabel = "n", Replacement = "$2$app" }], "a=web-01,n=01web" },
        { "replace dollar dollar is a literal dollar", "a=v", [new() { SourceLabels = ["a"], TargetLabel = "h", Replacement = "$$1" }], "a=v,h=$1" },
        { "replace unknown group expands empty", "a=v", [new() { SourceLabels = ["a"], TargetLabel = "h", Replacement = "x${9}y" }], "a=v,h=xy" },
        { "replace name runs over letters after digits", "a=v", [new() { SourceLabels = ["a"], TargetLabel = "h", Replacement = "x$9y" }], "a=v,h=x" },
        { "replace leading zero is a name", "a=v", [new() { SourceLabels = ["a"], TargetLabel = "h", Replacement = "<$01>" }], "a=v,h=<>" },
        { "replace malformed reference keeps the dollar", "a=v", [new() { SourceLabels = ["a"], TargetLabel = "h", Replacement = "${1" }], "a=v,h=${1" },
        { "replace target label from a group", "k=env,v=prod", [new() { SourceLabels = ["k", "v"], Regex = "(.+);(.+)", RegexSet = true, TargetLabel = "label_$1", Replacement = "$2" }], "k=env,label_env=prod,v=prod" },
        { "replace invalid expanded target is skipped", "k=,v=prod", [new() { SourceLabels = ["k"], Regex = "(.*)", RegexSet = true, TargetLabel = "$1", Replacement = "x" }], "v=prod" },
        { "replace dot matches newline", "a=x\ny", [new() { SourceLabels = ["a"], Regex = "x.y", RegexSet = true, TargetLabel = "b", Replacement = "nl" }], "a=x\ny,b=nl" },
        { "keep matching", "a=foo", [new() { SourceLabels = ["a"], Regex = "f.*", RegexSet = true, Action = RelabelAction.Keep }], "a=foo" },
        { "keep not matching drops", "a=bar", [new() { SourceLabels = ["a"], Regex = "f.*", RegexSet = true, Action = RelabelAction.Keep }], null },
        { "keep missing label matches empty only", "b=1", [new() { SourceLabels = ["a"], Regex = "", RegexSet = true, Action = RelabelAction.Keep }], "b=1" },
        { "keep is anchored", "a=xfoo", [new() { SourceLabels = ["a"], Regex = "foo", RegexSet = true, Action = RelabelAction.Keep }], null },
        { "drop matching", "a=foo", [new() { SourceLabels = ["a"], Regex = "foo|bar", RegexSet = true, Action = RelabelAction.Drop }], null },
        { "drop not matching keeps", "a=baz", [new() { SourceLabels = ["a"], Regex = "foo|bar", RegexSet = true, Action = RelabelAction.Drop }], "a=baz" },
        { "drop with default regex drops everything", "a=baz", [new() { SourceLabels = ["a"], Action = RelabelAction.Drop }], null },
        { "keepequal equal keeps", "a=1,b=1", [new() { SourceLabels = ["a"], TargetLabel = "b", Action = RelabelAction.KeepEqual }], "a=1,b=1" },
        { "keepequal different drops", "a=1,b=2", [new() { SourceLabels = ["a"], TargetLabel = "b", Action = RelabelAction.KeepEqual }], null },
        { "keepequal both missing are equal", "c=1", [new() { SourceLabels = ["a"], TargetLabel = "b", Action = RelabelAction.KeepEqual }], "c=1" },
        { "dropequal equal drops", "a=1,b=1", [new() { SourceLabels = ["a"], TargetLabel = "b", Action = RelabelAction.DropEqual }], null },
        { "dropequal different keeps", "a=1,b=2", [new() { SourceLabels = ["a"], TargetLabel = "b", Action = RelabelAction.DropEqual }], "a=1,b=2" },
        { "hashmod as upstream", "__address__=a:1", [new() { SourceLabels = ["__address__"], Modulus = 4, TargetLabel = "shard", Action = RelabelAction.HashMod }], "__address__=a:1,shard=0" },
        { "hashmod large modulus", "a=foo", [new() { SourceLabels = ["a"], Modulus = 1000, TargetLabel = "h", Action = RelabelAction.HashMod }], "a=foo,h=696" },
        { "hashmod of empty input", "b=1", [new() { SourceLabels = ["a"], Modulus = 10, TargetLabel = "h", Action = RelabelAction.HashMod }], "b=1,h=8" },
        { "hashmod of joined sources", "__address__=10.0.0.1:9100,job=node", [new() { SourceLabels = ["__address__", "job"], Modulus = 3, TargetLabel = "h", Action = RelabelAction.HashMod }], "__address__=10.0.0.1:9100,h=2,job=node" },
        { "labelmap with a group", "__meta_kubernetes_pod_label_app=web,__meta_kubernetes_pod_label_tier=fe,x=1", [new() { Regex = "__meta_kubernetes_pod_label_(.+)", RegexSet = true, Action = RelabelAction.LabelMap }], "__meta_kubernetes_pod_label_app=web,__meta_kubernetes_pod_label_tier=fe,app=web,tier=fe,x=1" },
        { "labelmap with a prefix in the replacement", "a=1,b=2", [new() { Regex = "(a)", RegexSet = true, Replacement = "copy_${1}", Action = RelabelAction.LabelMap }], "a=1,b=2,copy_a=1" },
        { "labelmap overwrites an existing label", "__x_a=new,a=old", [new() { Regex = "__x_(.+)", RegexSet = true, Action = RelabelAction.LabelMap }], "__x_a=new,a=new" },
        { "labeldrop", "__tmp_a=1,keep=2,tmp_b=3", [new() { Regex = "_*tmp_.*", RegexSet = true, Action = RelabelAction.LabelDrop }], "keep=2" },
        { "labeldrop anchored", "atmp=1", [new() { Regex = "tmp", RegexSet = true, Action = RelabelAction.LabelDrop }], "atmp=1" },
        { "labelkeep", "a=1,b=2,c=3", [new() { Regex = "a|c", RegexSet = true, Action = RelabelAction.LabelKeep }], "a=1,c=3" },
        { "lowercase", "a=MiXeD", [new() { SourceLabels = ["a"], TargetLabel = "l", Action = RelabelAction.Lowercase }], "a=MiXeD,l=mixed" },
        { "uppercase", "a=MiXeD", [new() { SourceLabels = ["a"], TargetLabel = "u", Action = RelabelAction.Uppercase }], "a=MiXeD,u=MIXED" },
        { "uppercase of missing source deletes the target", "u=old", [new() { SourceLabels = ["a"], TargetLabel = "u", Action = RelabelAction.Uppercase }], "" },
        { "rules apply in order and see earlier results", "a=foo", [new() { SourceLabels = ["a"], TargetLabel = "b" }, new() { SourceLabels = ["b"], Regex = "foo", RegexSet = true, Action = RelabelAction.Drop }], null },
        { "first dropping rule stops processing", "a=foo", [new() { SourceLabels = ["a"], Regex = "foo", RegexSet = true, Action = RelabelAction.Drop }, new() { TargetLabel = "never", Replacement = "x" }], null },
        { "no rules keeps everything", "a=1", [], "a=1" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Relabeling_matches_upstream(string name, string input, RelabelConfig[] rules, string? expected)
    {
        foreach (var rule in rules)
        {
            Assert.True(rule.TryValidate(NameValidationScheme.Utf8, out var error), $"{name}: {error}");
        }

        var kept = Relabeler.Process(Parse(input), rules, out var result);
        if (expected is null)
        {
            Assert.False(kept, name);
            Assert.True(result.IsEmpty);
        }
        else
        {
            Assert.True(kept, name);
            Assert.Equal(Parse(expected), result);
        }
    }

    [Fact]
    public void Process_on_a_builder_mutates_it_and_reports_drops()
    {
        var builder = new LabelsBuilder(Parse("a=1"));
        Assert.True(Relabeler.Process(builder, [new RelabelConfig { TargetLabel = "b", Replacement = "2" }]));
        Assert.Equal(Parse("a=1,b=2"), builder.ToLabels());
        Assert.False(Relabeler.Process(builder, [new RelabelConfig { SourceLabels = ["b"], Regex = "2", RegexSet = true, Action = RelabelAction.Drop }]));
    }

    [Fact]
    public void Hashmod_spreads_targets_evenly()
    {
        var counts = new int[8];
        for (var i = 0; i < 8000; i++)
        {
            counts[Relabeler.HashMod($"10.0.{i / 256}.{i % 256}:9100", 8)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 850, 1150));
    }

    internal static Labels Parse(string text)
    {
        if (text.Length == 0)
        {
            return Labels.Empty;
        }

        var pairs = new List<string>();
        foreach (var part in text.Split(','))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            pairs.Add(part[..eq]);
            pairs.Add(part[(eq + 1)..]);
        }

        return Labels.FromStrings([.. pairs]);
    }
}
