using Pharos.Alertmanager.Config;
using Pharos.Alertmanager.Dispatch;
using Pharos.Alertmanager.Routing;
using Pharos.Model;

namespace Pharos.Alertmanager.Tests;

public sealed class RoutingTests
{
    private const string Tree = """
        route:
          receiver: default
          group_by: [alertname]
          routes:
            - matchers: ['service=~"foo1|foo2"']
              receiver: team-x
              continue: true
              routes:
                - matchers: [severity=critical]
                  receiver: team-x-pager
            - match: {service: foo1}
              receiver: foo1-extra
            - matchers: ['team="y"']
              receiver: team-y
              group_by: ['...']
        receivers: [{name: default}, {name: team-x}, {name: team-x-pager}, {name: foo1-extra}, {name: team-y}]
        """;

    [Theory]
    [InlineData("service=foo1", "team-x,foo1-extra")]
    [InlineData("service=foo1,severity=critical", "team-x-pager,foo1-extra")]
    [InlineData("service=foo2", "team-x")]
    [InlineData("team=y", "team-y")]
    [InlineData("other=1", "default")]
    public void Alert_is_routed_depth_first_with_continue(string labels, string receivers)
    {
        var root = Route.Build(AlertmanagerConfigLoader.Load(Tree).Route);
        Assert.Equal(receivers, string.Join(",", root.Match(Parse(labels)).Select(r => r.Receiver)));
    }

    [Fact]
    public void Route_key_chains_sorted_matchers_from_the_root()
    {
        var root = Route.Build(AlertmanagerConfigLoader.Load(Tree).Route);
        var pager = root.Match(Parse("service=foo2,severity=critical"))[0];
        Assert.Equal("{}/{service=~\"foo1|foo2\"}/{severity=\"critical\"}", pager.Key);
    }

    [Fact]
    public void Child_routes_inherit_timing_and_grouping()
    {
        var root = Route.Build(AlertmanagerConfigLoader.Load(Tree).Route);
        var teamX = root.Routes[0];
        Assert.Equal(["alertname"], teamX.GroupBy);
        Assert.Equal(TimeSpan.FromSeconds(30), teamX.GroupWait);
        Assert.Equal(TimeSpan.FromMinutes(5), teamX.GroupInterval);
        Assert.Equal(TimeSpan.FromHours(4), teamX.RepeatInterval);
        Assert.True(root.Routes[2].GroupByAll);
    }

    [Fact]
    public void Group_labels_are_the_group_by_labels_the_alert_has()
    {
        var root = Route.Build(AlertmanagerConfigLoader.Load(Tree).Route);
        var labels = Parse("alertname=A,instance=i,team=y");
        Assert.Equal(Parse("alertname=A"), Dispatcher.GroupLabels(labels, root));
        Assert.Equal(labels, Dispatcher.GroupLabels(labels, root.Routes[2]));
    }

    [Theory]
    [InlineData("{a=\"b\", c=~\"d|e\"}", "a=\"b\"|c=~\"d|e\"")]
    [InlineData("severity = warning", "severity=\"warning\"")]
    [InlineData("alertname!~\"Watchdog|Info\",x!=\"y\\\"z\"", "alertname!~\"Watchdog|Info\"|x!=\"y\\\"z\"")]
    [InlineData("foo=", "foo=\"\"")]
    public void Matcher_syntax_parses_and_prints_as_upstream(string text, string printed)
    {
        Assert.Equal(printed, string.Join("|", MatcherParser.Parse(text).Select(MatcherParser.Format)));
    }

    [Theory]
    [InlineData("=b", "bad matcher format")]
    [InlineData("a~b", "bad matcher format")]
    [InlineData("a=~\"(\"", "invalid regular expression")]
    public void Bad_matchers_are_rejected(string text, string error)
    {
        var e = Assert.Throws<FormatException>(() => MatcherParser.Parse(text));
        Assert.Contains(error, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Time_interval_contains_ranges_with_negative_days_of_month()
    {
        var config = AlertmanagerConfigLoader.LoadFile(Path.Combine(ConfigCorpusTests.Directory(), "time_intervals.good.yml"));
        var offhours = config.TimeIntervals["offhours"];
        Assert.Contains(offhours, i => i.Contains(new DateTimeOffset(2026, 3, 7, 7, 59, 0, TimeSpan.Zero)));
        Assert.DoesNotContain(offhours, i => i.Contains(new DateTimeOffset(2026, 3, 7, 8, 0, 0, TimeSpan.Zero)));
        Assert.Contains(offhours, i => i.Contains(new DateTimeOffset(2026, 12, 30, 12, 0, 0, TimeSpan.Zero)));
        Assert.DoesNotContain(offhours, i => i.Contains(new DateTimeOffset(2026, 12, 28, 12, 0, 0, TimeSpan.Zero)));
    }

    internal static Labels Parse(string text) =>
        Labels.FromLabels(text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).Select(p => new Label(p[0], p[1])));
}
