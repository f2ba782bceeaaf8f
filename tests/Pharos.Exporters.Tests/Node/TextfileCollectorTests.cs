using Pharos.Exporters.Node;

namespace Pharos.Exporters.Tests.Node;

public sealed class TextfileCollectorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pharos-textfile-").FullName;

    [Fact]
    public void Prom_files_are_exposed_with_mtimes_and_a_bad_file_sets_the_error_gauge()
    {
        File.WriteAllText(Path.Combine(_dir, "good.prom"), "# HELP backup_last_success_seconds Last backup.\n# TYPE backup_last_success_seconds gauge\nbackup_last_success_seconds{job=\"db\"} 1700000000\nuntyped_thing 3\n");
        File.WriteAllText(Path.Combine(_dir, "bad.prom"), "this is { not metrics\n");
        File.WriteAllText(Path.Combine(_dir, "ignored.txt"), "other_metric 1\n");
        var options = new NodeCollectorOptions { TextfileDirectory = _dir };
        var text = NodeScrape.Text(NodeScrape.Create("textfile", options));

        Assert.Contains("# HELP backup_last_success_seconds Last backup.", text, StringComparison.Ordinal);
        Assert.Contains("backup_last_success_seconds{job=\"db\"} 1.7e+09", text, StringComparison.Ordinal);
        Assert.Contains($"# HELP untyped_thing Metric read from {Path.Combine(_dir, "good.prom")}", text, StringComparison.Ordinal);
        Assert.Contains($"node_textfile_mtime_seconds{{file=\"{Path.Combine(_dir, "good.prom")}\"}}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("bad.prom\"}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("other_metric", text, StringComparison.Ordinal);
        Assert.Contains("node_textfile_scrape_error 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void No_directory_means_no_error()
    {
        var text = NodeScrape.Text(NodeScrape.Create("textfile", new NodeCollectorOptions()));
        Assert.Contains("node_textfile_scrape_error 0", text, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
