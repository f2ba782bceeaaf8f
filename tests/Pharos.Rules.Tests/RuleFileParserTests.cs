using Pharos.Model;
using Pharos.PromQL.Parser;
using Pharos.Rules.Files;
using Pharos.Testing;

namespace Pharos.Rules.Tests;

public sealed class RuleFileParserTests
{
    public static TheoryData<string> SharedRuleFiles => new(
        Directory.GetFiles(RepositoryPaths.SharedTestData("rules"), "*.yaml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepositoryPaths.SharedTestData("rules"), f))
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(SharedRuleFiles))]
    public void Every_real_world_rule_file_loads_and_every_expression_parses(string relative)
    {
        var file = RuleFileParser.Load(RepositoryPaths.SharedTestData("rules", relative), new RuleFileParserOptions { UnwrapPrometheusRule = true });

        Assert.NotEmpty(file.Groups);
        var rules = file.Groups.SelectMany(g => g.Rules).ToList();
        Assert.NotEmpty(rules);
        Assert.All(rules, r => Assert.NotNull(PromQLParser.ParseExpr(r.Expr)));
    }

    [Fact]
    public void A_rule_file_reads_groups_rules_and_their_options()
    {
        const string Yaml = """
            groups:
              - name: g
                interval: 30s
                limit: 5
                query_offset: 1m
                labels: {team: a}
                rules:
                  - record: job:up:sum
                    expr: sum by (job) (up)
                  - alert: Down
                    expr: up == 0
                    for: 5m
                    keep_firing_for: 2m
                    labels: {severity: page}
                    annotations: {summary: "{{ $labels.job }} down"}
            """;

        var group = Assert.Single(RuleFileParser.Parse(Yaml, "f.yml").Groups);

        Assert.Equal(TimeSpan.FromSeconds(30), group.Interval);
        Assert.Equal(5, group.Limit);
        Assert.Equal(TimeSpan.FromMinutes(1), group.QueryOffset);
        Assert.Equal(Labels.FromStrings("team", "a"), group.Labels);
        Assert.Equal("job:up:sum", group.Rules[0].Record);
        Assert.Equal(8, group.Rules[0].Line);
        var alert = group.Rules[1];
        Assert.True(alert.IsAlerting);
        Assert.Equal(TimeSpan.FromMinutes(5), alert.For);
        Assert.Equal(TimeSpan.FromMinutes(2), alert.KeepFiringFor);
        Assert.Equal("{{ $labels.job }} down", alert.Annotations.Get("summary"));
    }

    [Theory]
    [InlineData("groups: [{name: g, bogus: 1}]", 1, "field bogus not found in type rulefmt.RuleGroup")]
    [InlineData("groups:\n- name: g\n  rules:\n  - record: r\n    expr: up\n    description: x", 6, "field description not found in type rulefmt.RuleNode")]
    [InlineData("groups:\n- name: g\n- name: g", 3, "groupname: \"g\" is repeated in the same file")]
    [InlineData("groups:\n- name: g\n  rules:\n  - record: r\n    expr: sum(up", 5, "could not parse expression: 1:")]
    [InlineData("groups:\n- name: g\n  rules:\n  - record: r-x\n    expr: up", 4, "invalid recording rule name: r-x")]
    [InlineData("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    labels: {__name__: x}", 6, "invalid label name: __name__")]
    [InlineData("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    annotations: {s: '{{ $x'}", 6, "error parsing template __alert_A")]
    [InlineData("groups:\n- name: g\n  rules:\n  - record: r\n    alert: A\n    expr: up", 4, "only one of 'record' and 'alert' must be set")]
    [InlineData("groups:\n- name: g\n  rules:\n  - record: r\n    expr: up\n    for: 1m", 4, "invalid field 'for' in recording rule")]
    [InlineData("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    for: soon", 6, "not a valid duration string")]
    [InlineData("groups:\n- name: g\n  rules:\n  - alert: A\n   expr: up", 5, "yaml:")]
    public void Invalid_rule_files_report_the_problem_with_its_line(string yaml, int line, string message)
    {
        var ex = Assert.Throws<RuleFileException>(() => RuleFileParser.Parse(yaml, "bad.yml", new RuleFileParserOptions { NameValidationScheme = NameValidationScheme.Legacy }));

        var error = ex.Errors[0];
        Assert.Equal("bad.yml", error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prometheus_rule_object_is_read_from_its_spec_only_when_asked()
    {
        const string Yaml = """
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata: {name: x}
            spec:
              groups: [{name: g, rules: [{record: r, expr: up}]}]
            """;

        Assert.Throws<RuleFileException>(() => RuleFileParser.Parse(Yaml, "cr.yml"));
        Assert.Equal("g", Assert.Single(RuleFileParser.Parse(Yaml, "cr.yml", new RuleFileParserOptions { UnwrapPrometheusRule = true }).Groups).Name);
    }

    [Fact]
    public void An_empty_file_has_no_groups()
    {
        Assert.Empty(RuleFileParser.Parse("", "empty.yml").Groups);
        Assert.Empty(RuleFileParser.Parse("# only a comment\n", "empty.yml").Groups);
    }
}
