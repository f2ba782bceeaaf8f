using Pharos.Model.Relabel;
using Xunit;

namespace Pharos.Model.Tests.Relabel;

public sealed class TargetLabelsTests
{
    private static ScrapeTargetSettings Settings(params RelabelConfig[] rules) => new(
        "node",
        "http",
        "/metrics",
        TimeSpan.FromSeconds(15),
        TimeSpan.FromSeconds(10),
        new Dictionary<string, IReadOnlyList<string>> { ["module"] = ["http_2xx", "ignored"] },
        rules);

    [Fact]
    public void Defaults_fill_reserved_labels_and_instance_comes_from_the_address()
    {
        var result = TargetLabels.Populate(new LabelsBuilder(), Settings(), RelabelerTests.Parse("__address__=h:9100,__meta_x=1"), RelabelerTests.Parse("env=prod"), out var error);
        Assert.Null(error);
        Assert.Equal(
            RelabelerTests.Parse("__address__=h:9100,__metrics_path__=/metrics,__param_module=http_2xx,__scheme__=http,__scrape_interval__=15s,__scrape_timeout__=10s,env=prod,instance=h:9100,job=node"),
            result);
        Assert.Equal(RelabelerTests.Parse("env=prod,instance=h:9100,job=node"), TargetLabels.WithoutReserved(result));
    }

    [Fact]
    public void Target_labels_win_over_group_labels_and_defaults()
    {
        var result = TargetLabels.Populate(new LabelsBuilder(), Settings(), RelabelerTests.Parse("__address__=h:1,job=custom,env=a"), RelabelerTests.Parse("env=b"), out _);
        Assert.Equal("custom", result.Get("job"));
        Assert.Equal("a", result.Get("env"));
    }

    [Fact]
    public void Meta_labels_are_visible_to_relabeling_then_dropped()
    {
        var rule = new RelabelConfig { SourceLabels = ["__meta_zone"], TargetLabel = "zone" };
        var result = TargetLabels.Populate(new LabelsBuilder(), Settings(rule), RelabelerTests.Parse("__address__=h:1,__meta_zone=eu"), Labels.Empty, out _);
        Assert.Equal("eu", result.Get("zone"));
        Assert.False(result.Has("__meta_zone"));
    }

    [Fact]
    public void Tmp_labels_survive_until_the_public_label_set()
    {
        var rule = new RelabelConfig { TargetLabel = "__tmp_x", Replacement = "1" };
        var result = TargetLabels.Populate(new LabelsBuilder(), Settings(rule), RelabelerTests.Parse("__address__=h:1"), Labels.Empty, out _);
        Assert.True(result.Has("__tmp_x"));
        Assert.False(TargetLabels.WithoutReserved(result).Has("__tmp_x"));
    }

    [Theory]
    [InlineData("__address__", "", "no address")]
    [InlineData("__address__", "http://h:1/x", "\"http://h:1/x\" is not a valid hostname")]
    [InlineData("__scrape_interval__", "0s", "scrape interval cannot be 0")]
    [InlineData("__scrape_timeout__", "1m", "scrape timeout cannot be greater than scrape interval (\"1m\" > \"15s\")")]
    [InlineData("__scrape_timeout__", "soon", "error parsing scrape timeout: not a valid duration string: \"soon\"")]
    public void Invalid_targets_report_upstream_errors(string label, string value, string expected)
    {
        var rule = new RelabelConfig { TargetLabel = label, Replacement = value };
        var result = TargetLabels.Populate(new LabelsBuilder(), Settings(rule), RelabelerTests.Parse("__address__=h:1"), Labels.Empty, out var error);
        Assert.True(result.IsEmpty);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Dropped_targets_return_empty_labels_without_error()
    {
        var rule = new RelabelConfig { SourceLabels = ["__address__"], Action = RelabelAction.Drop };
        var result = TargetLabels.Populate(new LabelsBuilder(), Settings(rule), RelabelerTests.Parse("__address__=h:1"), Labels.Empty, out var error);
        Assert.True(result.IsEmpty);
        Assert.Null(error);
    }
}
