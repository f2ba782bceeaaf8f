using Pharos.Config.Discovery;
using Pharos.Model.Relabel;
using Xunit;

namespace Pharos.Config.Tests;

public sealed class ConfigLoaderTests
{
    [Fact]
    public void Empty_file_gets_upstream_defaults()
    {
        var c = ConfigLoader.Load("");
        Assert.Equal(TimeSpan.FromMinutes(1), c.Global.ScrapeInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), c.Global.ScrapeTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), c.Global.EvaluationInterval);
        Assert.Equal(100_000, c.Storage.MaxExemplars);
    }

    [Fact]
    public void Scrape_config_inherits_globals_and_fills_defaults()
    {
        var c = ConfigLoader.Load("global:\n  scrape_interval: 5s\n  sample_limit: 10\nscrape_configs:\n  - job_name: a\n");
        var s = Assert.Single(c.ScrapeConfigs);
        Assert.Equal(TimeSpan.FromSeconds(5), s.ScrapeInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), s.ScrapeTimeout); // the 10s default capped at the interval
        Assert.Equal(10UL, s.SampleLimit);
        Assert.Equal("/metrics", s.MetricsPath);
        Assert.Equal("http", s.Scheme);
        Assert.True(s.HonorTimestamps);
        Assert.True(s.EnableCompression);
        Assert.True(s.HttpClientConfig.FollowRedirects);
        Assert.True(s.HttpClientConfig.EnableHttp2);
        Assert.Equal(ScrapeProtocols.Default, s.ScrapeProtocols);
    }

    [Fact]
    public void Relabel_defaults_are_upstream_defaults()
    {
        var c = ConfigLoader.Load("scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - target_label: x\n");
        var r = Assert.Single(c.ScrapeConfigs[0].RelabelConfigs);
        Assert.Equal(";", r.Separator);
        Assert.Equal("(.*)", r.Regex);
        Assert.Equal("$1", r.Replacement);
        Assert.Equal(RelabelAction.Replace, r.Action);
    }

    [Fact]
    public void Legacy_bearer_token_becomes_authorization()
    {
        var c = ConfigLoader.Load("scrape_configs:\n  - job_name: a\n    bearer_token: t\n");
        var auth = c.ScrapeConfigs[0].HttpClientConfig.Authorization;
        Assert.NotNull(auth);
        Assert.Equal("Bearer", auth.Type);
        Assert.Equal("t", auth.Credentials);
    }

    [Fact]
    public void Remote_write_disables_http2_by_default()
    {
        var c = ConfigLoader.Load("remote_write:\n  - url: http://x/write\n");
        Assert.False(c.RemoteWrite[0].HttpClientConfig.EnableHttp2);
        Assert.Equal(TimeSpan.FromSeconds(30), c.RemoteWrite[0].RemoteTimeout);
    }

    [Fact]
    public void Errors_name_file_line_column_and_field()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load("scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - action: nope\n", "p.yml"));
        Assert.Equal("p.yml", e.File);
        Assert.Equal(4, e.Line);
        Assert.Equal(17, e.Column);
        Assert.Equal("scrape_configs[0].relabel_configs[0].action", e.Field);
        Assert.Equal("unknown relabel action \"nope\"", e.Reason);
        Assert.Equal("p.yml:4:17: scrape_configs[0].relabel_configs[0].action: unknown relabel action \"nope\"", e.Message);
    }

    [Fact]
    public void Service_discovery_is_pluggable_by_yaml_key()
    {
        ServiceDiscoveryRegistry.Register("test_sd_configs", section =>
        {
            var name = section.String("name") ?? "";
            section.Finish();
            return new TestSdConfig(name);
        });
        var c = ConfigLoader.Load("scrape_configs:\n  - job_name: a\n    test_sd_configs:\n      - name: x\n");
        var sd = Assert.IsType<TestSdConfig>(Assert.Single(c.ScrapeConfigs[0].ServiceDiscoveryConfigs));
        Assert.Equal("x", sd.Name);
        Assert.Throws<ConfigException>(() => ConfigLoader.Load("scrape_configs:\n  - job_name: a\n    other_sd_configs: []\n"));
    }

    [Fact]
    public void Scrape_config_files_are_merged_and_job_names_stay_unique()
    {
        var dir = Directory.CreateTempSubdirectory("pharos-config-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "jobs"));
            File.WriteAllText(Path.Combine(dir, "jobs", "a.yml"), "scrape_configs:\n  - job_name: extra\n");
            File.WriteAllText(Path.Combine(dir, "prometheus.yml"), "scrape_config_files: [\"jobs/*.yml\"]\nscrape_configs:\n  - job_name: main\n");
            var all = ConfigLoader.GetScrapeConfigs(ConfigLoader.LoadFile(Path.Combine(dir, "prometheus.yml")));
            Assert.Equal(["main", "extra"], all.Select(s => s.JobName));

            File.WriteAllText(Path.Combine(dir, "jobs", "b.yml"), "scrape_configs:\n  - job_name: main\n");
            var e = Assert.Throws<ConfigException>(() => ConfigLoader.GetScrapeConfigs(ConfigLoader.LoadFile(Path.Combine(dir, "prometheus.yml"))));
            Assert.Contains("first found in main config file", e.Reason, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private sealed record TestSdConfig(string Name) : IServiceDiscoveryConfig
    {
        public string Key => "test_sd_configs";

        public void WriteTo(YamlDotNet.RepresentationModel.YamlMappingNode node) => node.Add("name", Name);
    }
}
