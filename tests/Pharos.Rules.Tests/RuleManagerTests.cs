using Pharos.Model;
using Pharos.PromQL.Engine;
using Pharos.Rules.Files;
using Pharos.Storage;

namespace Pharos.Rules.Tests;

public sealed class RuleManagerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pharos-rulemanager-").FullName;
    private readonly MemoryStorage _storage = new();
    private readonly PromQLEngine _engine = new();

    [Fact]
    public async Task Applying_rule_files_starts_groups_that_the_api_lists()
    {
        var file = Write("a.yml", "groups: [{name: g1, interval: 1h, rules: [{record: r, expr: vector(1)}, {alert: A, expr: vector(1), for: 5m}]}]");
        await using var manager = NewManager();

        manager.ApplyRuleFiles([file], TimeSpan.FromMinutes(1), Labels.Empty, "http://localhost:9090");

        var group = Assert.Single(manager.Groups());
        Assert.Equal("g1", group.Name);
        Assert.Equal(file, group.File);
        Assert.Equal(TimeSpan.FromHours(1), group.Interval);
        Assert.Equal([RuleKind.Recording, RuleKind.Alerting], group.Rules.Select(r => r.Kind));
        Assert.Equal(TimeSpan.FromMinutes(5), group.Rules[1].Duration);
        Assert.All(group.Rules, r => Assert.Equal(RuleHealth.Unknown, r.Health));
        Assert.Empty(manager.Alerts());
    }

    [Fact]
    public async Task A_broken_file_keeps_the_running_groups_and_reports_file_and_line()
    {
        var good = Write("good.yml", "groups: [{name: g1, rules: [{record: r, expr: vector(1)}]}]");
        await using var manager = NewManager();
        manager.ApplyRuleFiles([good], TimeSpan.FromMinutes(1), Labels.Empty, "");

        var bad = Write("bad.yml", "groups:\n  - name: g2\n    rules:\n      - record: r\n        expr: sum(\n");
        var ex = Assert.Throws<RuleFileException>(() => manager.ApplyRuleFiles([good, bad], TimeSpan.FromMinutes(1), Labels.Empty, ""));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(bad, error.File);
        Assert.Equal(5, error.Line);
        Assert.Contains("could not parse expression", error.Message, StringComparison.Ordinal);
        Assert.Equal("g1", Assert.Single(manager.Groups()).Name);
    }

    [Fact]
    public async Task Reloading_an_unchanged_group_keeps_its_state()
    {
        var file = Write("a.yml", "groups: [{name: g1, interval: 1h, rules: [{alert: A, expr: vector(1), for: 1h}]}]");
        await using var manager = NewManager();
        manager.ApplyRuleFiles([file], TimeSpan.FromMinutes(1), Labels.Empty, "");
        var group = manager.LoadGroups([file], TimeSpan.FromMinutes(1), Labels.Empty, "");
        Assert.Single(group);

        manager.ApplyRuleFiles([file], TimeSpan.FromMinutes(1), Labels.Empty, "");
        var second = Write("b.yml", "groups: [{name: g2, rules: []}]");
        manager.ApplyRuleFiles([file, second], TimeSpan.FromMinutes(1), Labels.Empty, "");

        Assert.Equal(["g1", "g2"], manager.Groups().Select(g => g.Name));
        manager.ApplyRuleFiles([second], TimeSpan.FromMinutes(1), Labels.Empty, "");
        Assert.Equal("g2", Assert.Single(manager.Groups()).Name);
    }

    [Fact]
    public async Task Glob_patterns_are_expanded()
    {
        Write("r1.rules.yml", "groups: [{name: one, rules: []}]");
        Write("r2.rules.yml", "groups: [{name: two, rules: []}]");
        await using var manager = NewManager();

        var groups = manager.LoadGroups([Path.Combine(_directory, "*.rules.yml")], TimeSpan.FromMinutes(1), Labels.Empty, "");

        Assert.Equal(["one", "two"], groups.Select(g => g.Name));
    }

    public void Dispose()
    {
        _engine.Dispose();
        Directory.Delete(_directory, true);
    }

    private RuleManager NewManager() => new(new RuleManagerOptions { Query = RuleQuery.FromEngine(_engine, _storage), Appendable = _storage });

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
