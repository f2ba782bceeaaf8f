using System.Threading.Channels;
using Pharos.Config.Discovery;
using Pharos.Discovery.File;
using Pharos.Model;
using Pharos.Testing;

namespace Pharos.Discovery.Tests.File;

public sealed class FileDiscovererTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pharos-file-sd-").FullName;
    private readonly TestContext _context;
    private readonly Channel<IReadOnlyList<DiscoveredTargetGroup>> _updates = Channel.CreateUnbounded<IReadOnlyList<DiscoveredTargetGroup>>();

    public FileDiscovererTests() => _context = new TestContext(new DiscoveryManagerOptions { BaseDirectory = _dir });

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Json_groups_get_a_path_index_source_and_the_file_path_label()
    {
        var path = Write("targets.json", """[{"targets": ["a:1", "b:2"], "labels": {"env": "prod"}}, {"targets": ["c:3"]}]""");

        var groups = await RefreshAsync(Discoverer("*.json"));

        Assert.Equal([path + ":0", path + ":1"], groups.Select(g => g.Source));
        Assert.Equal(["a:1", "b:2"], groups[0].Targets.Select(t => t.Get(LabelNames.Address)));
        Assert.Equal(Labels.FromStrings("__meta_filepath", path, "env", "prod"), groups[0].Labels);
        Assert.Equal(Labels.FromStrings("__meta_filepath", path), groups[1].Labels);
    }

    [Fact]
    public async Task Yaml_files_are_read_like_json_ones()
    {
        var path = Write("targets.yml", "- targets: ['a:1']\n  labels:\n    team: db\n");

        var group = Assert.Single(await RefreshAsync(Discoverer("targets.yml")));

        Assert.Equal(path + ":0", group.Source);
        Assert.Equal(Labels.FromStrings("__meta_filepath", path, "team", "db"), group.Labels);
    }

    [Fact]
    public async Task A_glob_in_the_last_element_matches_only_its_files_in_name_order()
    {
        var b = Write("b.json", """[{"targets": ["b:1"]}]""");
        var a = Write("a.json", """[{"targets": ["a:1"]}]""");
        Write("c.yml", "- targets: ['c:1']\n");

        var groups = await RefreshAsync(Discoverer("*.json"));

        Assert.Equal([a + ":0", b + ":0"], groups.Select(g => g.Source));
    }

    [Fact]
    public async Task A_bad_file_keeps_its_previous_groups_and_counts_a_read_error()
    {
        var path = Write("t.json", """[{"targets": ["a:1"]}, {"targets": ["b:1"]}]""");
        var discoverer = Discoverer("t.json");
        Assert.Equal(2, (await RefreshAsync(discoverer)).Count);

        Write("t.json", """[{"targets": ["a:1"]""");
        await discoverer.RefreshAsync(_updates.Writer, CancellationToken.None);

        Assert.False(_updates.Reader.TryRead(out _));
        Assert.Contains("prometheus_sd_file_read_errors_total 1", _context.Exposition());

        // Once fixed with fewer groups, the missing one is sent empty.
        Write("t.json", """[{"targets": ["c:1"]}]""");
        var groups = await RefreshAsync(discoverer);
        Assert.Equal([path + ":0", path + ":1"], groups.Select(g => g.Source));
        Assert.Empty(groups[1].Targets);
    }

    [Fact]
    public async Task A_deleted_file_sends_its_groups_empty()
    {
        var path = Write("t.json", """[{"targets": ["a:1"]}]""");
        var discoverer = Discoverer("*.json");
        await RefreshAsync(discoverer);

        System.IO.File.Delete(path);
        var group = Assert.Single(await RefreshAsync(discoverer));

        Assert.Equal(path + ":0", group.Source);
        Assert.Empty(group.Targets);
    }

    [Theory]
    [InlineData("t.json", """[{"targets": ["a:1"], "labels": {"": "x"}}]""", "t.json:1:34: \"\" is not a valid label name")]
    [InlineData("t.json", """[null]""", "nil target group item found")]
    [InlineData("t.json", "[{\"targets\": [1]}]", "t.json:1:15: targets must be strings")]
    [InlineData("t.yml", "- targets: ['a:1']\n  lables: {}\n", "2:3: field lables not found")]
    [InlineData("t.yml", "- targets: ['a:1'\n", "t.yml:")]
    public async Task Bad_files_are_reported_with_their_position(string name, string content, string expected)
    {
        Write(name, content);
        var logs = new ListLoggerFactory();
        var context = new TestContext(new DiscoveryManagerOptions { BaseDirectory = _dir }, logger: logs);
        var discoverer = new FileDiscoverer(new FileSdConfig { Files = [name] }, context.Options);

        await discoverer.RefreshAsync(_updates.Writer, CancellationToken.None);

        Assert.Contains(expected, Assert.Single(logs.Messages), StringComparison.Ordinal);
        Assert.False(_updates.Reader.TryRead(out _));
        Assert.Contains("prometheus_sd_file_read_errors_total 1", context.Exposition());
    }

    [Fact]
    [Trait(TestCategories.Name, TestCategories.Integration)]
    public async Task A_changed_file_is_picked_up_by_the_watcher_within_ten_seconds()
    {
        Write("t.json", """[{"targets": ["a:1"]}]""");
        var discoverer = Discoverer("t.json");
        using var stop = new CancellationTokenSource();
        var run = discoverer.RunAsync(_updates.Writer, stop.Token);
        var first = await _updates.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["a:1"], first.SelectMany(g => g.Targets).Select(t => t.Get(LabelNames.Address)));

        Write("t.json", """[{"targets": ["b:2"]}]""");
        var second = await _updates.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["b:2"], second.SelectMany(g => g.Targets).Select(t => t.Get(LabelNames.Address)));
        await stop.CancelAsync();
        await run;
    }

    private FileDiscoverer Discoverer(params string[] patterns) =>
        new(new FileSdConfig { Files = [.. patterns], RefreshInterval = TimeSpan.FromMinutes(5) }, _context.Options);

    private async Task<IReadOnlyList<DiscoveredTargetGroup>> RefreshAsync(FileDiscoverer discoverer)
    {
        await discoverer.RefreshAsync(_updates.Writer, CancellationToken.None);
        Assert.True(_updates.Reader.TryRead(out var groups));
        return groups;
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }
}
