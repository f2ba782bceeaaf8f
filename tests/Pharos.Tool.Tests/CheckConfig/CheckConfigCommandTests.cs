using Xunit;

namespace Pharos.Tool.Tests.CheckConfig;

public sealed class CheckConfigCommandTests
{
    public static TheoryData<string> Fixtures => new(ConfigCorpus.All);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_fixture_gets_its_expected_verdict(string relative)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var status = CheckConfigCommand.Run([Path.Combine(ConfigCorpus.Directory, relative)], syntaxOnly: false, output, error);
        Assert.True((ConfigCorpus.ExpectedValid(relative) ? 0 : 1) == status, error.ToString());
    }

    [Fact]
    public void Valid_file_prints_promtool_success_lines_and_exits_zero()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("prometheus.yml", "scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: [\"localhost:9090\"]\n");
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, CheckConfigCommand.Run([file], false, output, error));
        Assert.Equal($"Checking {file}\n SUCCESS: {file} is valid prometheus config file syntax\n\n", output.ToString().ReplaceLineEndings("\n"));
        Assert.Empty(error.ToString());
    }

    [Fact]
    public void Invalid_file_prints_failed_with_file_line_column_and_field_and_exits_one()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("prometheus.yml", "scrape_configs:\n  - job_name: a\n    scrape_interval: 5s\n    scrape_timeout: 6s\n");
        var error = new StringWriter();
        Assert.Equal(1, CheckConfigCommand.Run([file], false, new StringWriter(), error));
        Assert.Equal(
            $"  FAILED: parsing YAML file {file}: 4:21: scrape_configs[0].scrape_timeout: scrape timeout greater than scrape interval for scrape config with job name \"a\"\n",
            error.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Rule_files_are_resolved_and_reported_but_not_yet_parsed()
    {
        using var dir = new TempDirectory();
        dir.Write("rules/a.yml", "groups: []\n");
        dir.Write("rules/b.yml", "groups: []\n");
        var file = dir.Write("prometheus.yml", "rule_files: [\"rules/*.yml\"]\n");
        var output = new StringWriter();
        Assert.Equal(0, CheckConfigCommand.Run([file], false, output, new StringWriter()));
        var text = output.ToString();
        Assert.Contains("  SUCCESS: 2 rule files found", text, StringComparison.Ordinal);
        Assert.Contains("a.yml\n  SKIPPED: the rule file exists; its rules are not checked yet", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_rule_file_fails_unless_syntax_only()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("prometheus.yml", "rule_files: [\"missing.yml\"]\n");
        var error = new StringWriter();
        Assert.Equal(1, CheckConfigCommand.Run([file], false, new StringWriter(), error));
        Assert.Contains("does not point to an existing file", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, CheckConfigCommand.Run([file], true, new StringWriter(), new StringWriter()));
    }

    [Fact]
    public void One_bad_file_among_several_fails_the_run_but_all_are_checked()
    {
        using var dir = new TempDirectory();
        var good = dir.Write("good.yml", "global:\n  scrape_interval: 15s\n");
        var bad = dir.Write("bad.yml", "global:\n  scrape_interval: 15\n");
        var output = new StringWriter();
        Assert.Equal(1, CheckConfigCommand.Run([bad, good], false, output, new StringWriter()));
        Assert.Contains($" SUCCESS: {good} is valid", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Static_target_rejected_by_target_relabeling_checks_fails()
    {
        using var dir = new TempDirectory();
        var file = dir.Write(
            "prometheus.yml",
            "scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: [\"a:1\"]\n    relabel_configs:\n      - target_label: __address__\n        replacement: \"\"\n");
        var error = new StringWriter();
        Assert.Equal(1, CheckConfigCommand.Run([file], false, new StringWriter(), error));
        Assert.Contains("no address", error.ToString(), StringComparison.Ordinal);
    }

    private sealed class TempDirectory : IDisposable
    {
        private readonly string _path = Directory.CreateTempSubdirectory("pharos-check-config-").FullName;

        public string Write(string name, string content)
        {
            var path = Path.Combine(_path, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
            return path;
        }

        public void Dispose() => Directory.Delete(_path, recursive: true);
    }
}
