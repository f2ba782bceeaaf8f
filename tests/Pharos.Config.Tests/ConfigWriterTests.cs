using Xunit;

namespace Pharos.Config.Tests;

public sealed class ConfigWriterTests
{
    private const string WithSecrets = """
        scrape_configs:
          - job_name: a
            basic_auth:
              username: user
              password: hunter2
            oauth2:
              client_id: id
              client_secret: topsecret
              token_url: https://auth/token
        remote_write:
          - url: https://user:pw@remote/write
            authorization:
              credentials: tok123
        """;

    [Fact]
    public void Secrets_are_printed_as_redacted()
    {
        // basic_auth and oauth2 cannot be combined; print two configurations.
        var text = ConfigWriter.Write(ConfigLoader.Load(WithSecrets.Replace("    oauth2:\n      client_id: id\n      client_secret: topsecret\n      token_url: https://auth/token\n", "", StringComparison.Ordinal)));
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tok123", text, StringComparison.Ordinal);
        Assert.DoesNotContain(":pw@", text, StringComparison.Ordinal);
        Assert.Contains("password: <secret>", text, StringComparison.Ordinal);
        Assert.Contains("credentials: <secret>", text, StringComparison.Ordinal);
        Assert.Contains("user:xxxxx@remote", text, StringComparison.Ordinal);

        var oauth = ConfigWriter.Write(ConfigLoader.Load("scrape_configs:\n  - job_name: a\n    oauth2:\n      client_id: id\n      client_secret: topsecret\n      token_url: https://auth/token\n"));
        Assert.DoesNotContain("topsecret", oauth, StringComparison.Ordinal);
        Assert.Contains("client_secret: <secret>", oauth, StringComparison.Ordinal);
    }

    [Fact]
    public void Effective_config_shows_defaults_and_reloads_to_the_same_text()
    {
        var text = ConfigWriter.Write(ConfigLoader.Load("scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - target_label: x\n"));
        Assert.Contains("scrape_interval: 1m", text, StringComparison.Ordinal);
        Assert.Contains("scrape_timeout: 10s", text, StringComparison.Ordinal);
        Assert.Contains("metrics_path: /metrics", text, StringComparison.Ordinal);
        Assert.Contains("separator: ;", text, StringComparison.Ordinal);
        Assert.Contains("action: replace", text, StringComparison.Ordinal);

        // The printed configuration is itself a valid configuration that prints the same.
        Assert.Equal(text, ConfigWriter.Write(ConfigLoader.Load(text)));
    }

    public static TheoryData<string> GoodFixtures => new(ConfigFixtures.All.Where(f => f.EndsWith(".good.yml", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(GoodFixtures))]
    public void Every_good_fixture_prints_to_a_valid_configuration(string relative)
    {
        var text = ConfigWriter.Write(ConfigLoader.LoadFile(Path.Combine(ConfigFixtures.Directory, relative)));
        var reloaded = ConfigLoader.Load(text, "printed");
        Assert.Equal(text, ConfigWriter.Write(reloaded));
    }
}
