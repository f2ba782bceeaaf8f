using Pharos.Alertmanager.Config;
using Pharos.Testing;

namespace Pharos.Alertmanager.Tests;

public sealed class ConfigCorpusTests
{
    public static TheoryData<string> GoodFiles() => [.. Corpus("*.good.yml")];

    public static TheoryData<string> BadFiles() => [.. Corpus("*.bad.yml")];

    [Theory]
    [MemberData(nameof(GoodFiles))]
    public void Valid_corpus_config_loads(string name)
    {
        var config = AlertmanagerConfigLoader.LoadFile(Path.Combine(Directory(), name));
        Assert.NotEmpty(config.Receivers);
        Assert.False(string.IsNullOrEmpty(config.Route.Receiver));
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Invalid_corpus_config_fails_with_the_upstream_message(string name)
    {
        var path = Path.Combine(Directory(), name);
        var expected = File.ReadLines(path).First()["# error: ".Length..];
        var e = Assert.Throws<AlertmanagerConfigException>(() => AlertmanagerConfigLoader.LoadFile(path));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith(path + ":", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Upstream_reference_config_loads_except_for_its_tracing_block()
    {
        var text = File.ReadAllText(RepositoryPaths.SharedTestData("alertmanager", "simple.yml"));
        var e = Assert.Throws<AlertmanagerConfigException>(() => AlertmanagerConfigLoader.Load(text, "simple.yml"));
        Assert.Contains("field tracing not found", e.Message, StringComparison.Ordinal);
        var withoutTracing = text[..text.IndexOf("\ntracing:", StringComparison.Ordinal)];
        var config = AlertmanagerConfigLoader.Load(withoutTracing, "simple.yml");
        Assert.Equal("team-X-mails", config.Route.Receiver);
        Assert.Single(config.InhibitRules);
        var email = config.Receivers.First(r => r.Name == "team-X-mails").Integrations[0];
        Assert.Equal("localhost:25", email.Get("smarthost"));
        Assert.False(email.SendResolved);
    }

    [Fact]
    public void Unknown_field_error_names_line_and_field()
    {
        var e = Assert.Throws<AlertmanagerConfigException>(() => AlertmanagerConfigLoader.Load("route:\n  receiver: a\nreceivers:\n- name: a\n  webhook_configs:\n  - url: http://x/\n    bogus: 1\n", "am.yml"));
        Assert.Equal(7, e.Line);
        Assert.Equal("receivers[0].webhook_configs[0].bogus", e.Field);
    }

    [Fact]
    public void Integrations_get_upstream_defaults_and_globals()
    {
        var config = AlertmanagerConfigLoader.Load("""
            global:
              slack_api_url: https://hooks.example/x
            route: {receiver: a}
            receivers:
            - name: a
              slack_configs: [{channel: '#c'}]
              webhook_configs: [{url: 'http://127.0.0.1/'}]
              pagerduty_configs: [{routing_key: k}]
            """);
        var integrations = config.Receivers[0].Integrations;
        var slack = integrations.Single(i => i.Type == "slack");
        Assert.Equal("https://hooks.example/x", slack.Get("api_url"));
        Assert.Equal("{{ template \"slack.default.title\" . }}", slack.Get("title"));
        Assert.False(slack.SendResolved);
        Assert.True(integrations.Single(i => i.Type == "webhook").SendResolved);
        var pd = integrations.Single(i => i.Type == "pagerduty");
        Assert.Equal("https://events.pagerduty.com/v2/enqueue", pd.Get("url"));
        Assert.Equal("error", pd.Get("severity"));
        Assert.Equal(TimeSpan.FromMinutes(5), config.Global.ResolveTimeout);
    }

    [Fact]
    public void Status_view_redacts_secrets()
    {
        var text = "global:\n  smtp_auth_password: hunter2\nroute: {receiver: a}\nreceivers:\n- name: a\n  webhook_configs: [{url: 'http://127.0.0.1/token'}]\n";
        var redacted = ConfigRedactor.Redact(text);
        Assert.DoesNotContain("hunter2", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("/token", redacted, StringComparison.Ordinal);
        Assert.Contains("<secret>", redacted, StringComparison.Ordinal);
    }

    internal static string Directory() => RepositoryPaths.InRepository("tests", "alertmanager", "config");

    private static IEnumerable<string> Corpus(string pattern) =>
        System.IO.Directory.GetFiles(Directory(), pattern).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;
}
