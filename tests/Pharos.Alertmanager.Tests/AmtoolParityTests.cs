using System.Diagnostics;
using Pharos.Alertmanager.Config;
using Pharos.Alertmanager.Routing;
using Pharos.Model;
using Pharos.Testing;
using YamlDotNet.RepresentationModel;
using MatchType = Pharos.Model.MatchType;

namespace Pharos.Alertmanager.Tests;

/// <summary>Debian's <c>amtool</c> (prometheus-alertmanager) and our loader and router agree.</summary>
[Trait("Category", "Integration")]
public sealed class AmtoolParityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pharos-amtool-").FullName;

    public static TheoryData<string> CorpusFiles() =>
        [.. Directory.GetFiles(ConfigCorpusTests.Directory(), "*.yml").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Check_config_agrees_with_amtool(string name)
    {
        var path = Path.Combine(ConfigCorpusTests.Directory(), name);
        var (code, output) = Amtool("check-config", path);
        bool ours;
        try
        {
            AlertmanagerConfigLoader.LoadFile(path);
            ours = true;
        }
        catch (AlertmanagerConfigException)
        {
            ours = false;
        }

        Assert.True((code == 0) == ours, $"amtool exit {code}, ours valid={ours}: {output}");
        Assert.Equal(name.EndsWith(".good.yml", StringComparison.Ordinal), ours);
    }

    [Theory]
    [InlineData("seed001.good.yml")]
    [InlineData("seed004.good.yml")]
    [InlineData("matchers.good.yml")]
    [InlineData("upstream-simple")]
    [InlineData("kube-prometheus")]
    public void Routes_test_gives_amtools_receivers_for_generated_label_sets(string source)
    {
        var path = ConfigPath(source);
        var config = AlertmanagerConfigLoader.LoadFile(path);
        var root = Route.Build(config.Route);
        var random = new Random(20260302);
        var vocabulary = root.Walk().SelectMany(r => r.Matchers).GroupBy(m => m.Name)
            .ToDictionary(g => g.Key, g => g.SelectMany(Values).Distinct().ToList());

        // Labels every alert has, so trees without matchers are exercised too.
        vocabulary.TryAdd("alertname", ["Disk", "Cpu"]);
        vocabulary.TryAdd("job", ["node", "api"]);
        var compared = 0;
        for (var i = 0; i < 120; i++)
        {
            var labels = new List<Label>();
            foreach (var (name, values) in vocabulary)
            {
                if (random.Next(3) > 0)
                {
                    labels.Add(new Label(name, values[random.Next(values.Count)]));
                }
            }

            var set = Labels.FromLabels(labels);
            if (set.IsEmpty)
            {
                continue;
            }

            var expected = Amtool(["config", "routes", "test", "--config.file=" + path, .. set.Select(l => $"{l.Name}={l.Value}")]).Output.Trim();
            Assert.Equal(expected, string.Join(",", root.Match(set).Select(r => r.Receiver)));
            compared++;
        }

        Assert.True(compared >= 100, $"only {compared} label sets");
    }

    // Values that hit each matcher and values that miss it.
    private static IEnumerable<string> Values(Matcher m)
    {
        var values = m.Type is MatchType.Regex or MatchType.NotRegex ? m.SetMatches().ToList() : [m.Value];
        if (values.Count == 0)
        {
            values.Add(m.Value.Replace(".*", "x", StringComparison.Ordinal).Replace("[0-9]+", "7", StringComparison.Ordinal).Replace("\\", "", StringComparison.Ordinal));
        }

        values.Add("other");
        return values.Where(v => v.Length > 0 && !v.Contains(' ', StringComparison.Ordinal));
    }

    private string ConfigPath(string source)
    {
        switch (source)
        {
            case "upstream-simple":
                var text = File.ReadAllText(RepositoryPaths.SharedTestData("alertmanager", "simple.yml"));
                var path = Path.Combine(_dir, "simple.yml");

                // amtool 0.25 predates the tracing block.
                File.WriteAllText(path, text[..text.IndexOf("\ntracing:", StringComparison.Ordinal)]);
                return path;
            case "kube-prometheus":
                var stream = new YamlStream();
                stream.Load(new StringReader(File.ReadAllText(RepositoryPaths.SharedTestData("alertmanager", "kube-prometheus-alertmanager-secret.yaml"))));
                var data = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["stringData"];
                var kube = Path.Combine(_dir, "kube.yml");
                File.WriteAllText(kube, ((YamlScalarNode)data["alertmanager.yaml"]).Value);
                return kube;
            default:
                return Path.Combine(ConfigCorpusTests.Directory(), source);
        }
    }

    private static (int Code, string Output) Amtool(params string[] args)
    {
        var start = new ProcessStartInfo("amtool") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result.Replace("Warning: --config.file flag overrides the --alertmanager.url.\n", "", StringComparison.Ordinal));
    }
}
