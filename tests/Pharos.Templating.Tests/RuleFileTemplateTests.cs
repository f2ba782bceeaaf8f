using System.Text.RegularExpressions;
using Pharos.Templating.Alertmanager;
using Pharos.Templating.Functions;
using Pharos.Templating.Prometheus;
using Pharos.Testing;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Pharos.Templating.Tests;

/// <summary>
/// Every annotation and label template of the alerting rules in the shared rule corpus (kube-prometheus and the
/// mixins) and in the seeds must parse, and expand without error against a sample alert.
/// </summary>
public partial class RuleFileTemplateTests
{
    private static readonly RuleTemplateData SampleAlert = new(
        new Dictionary<string, string> { ["namespace"] = "default", ["pod"] = "api-0", ["job"] = "node", ["instance"] = "10.0.0.1:9100", ["service"] = "api", ["severity"] = "critical" },
        new Dictionary<string, string> { ["cluster"] = "test" },
        "http://localhost:9090",
        0.42);

    // Templates that query (such as the remote-write shard alerts) get one sample back.
    private static readonly PrometheusTemplateContext QueryContext = new()
    {
        ExternalUrl = new Uri("http://localhost:9090"),
        Query = (_, _) => [new QuerySample(new Dictionary<string, string> { ["__name__"] = "m" }, 7)],
    };

    public static TheoryData<string, string, string> RuleFileTemplates()
    {
        var data = new TheoryData<string, string, string>();
        var seen = new HashSet<(string, string, string)>();
        var root = RepositoryPaths.SharedTestData("rules");
        foreach (var file in Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file);
            var stream = new YamlStream();
            using (var reader = File.OpenText(file))
            {
                stream.Load(reader);
            }

            foreach (var document in stream.Documents)
            {
                foreach (var (rule, field, text) in AlertTemplates(document.RootNode))
                {
                    if (seen.Add((relative, $"{rule}.{field}", text)))
                    {
                        data.Add(relative, $"{rule}.{field}", text);
                    }
                }
            }
        }

        return data;
    }

    public static TheoryData<string, string> SeedTemplates()
    {
        var data = new TheoryData<string, string>();
        var seen = new HashSet<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Shared, "seeds"), "*.txt").Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadLines(file).Where(l => l.Contains("{{", StringComparison.Ordinal)))
            {
                var text = line.Trim();
                if (KeyValueLine().Match(text) is { Success: true } m)
                {
                    // Let the YAML parser undo the double-quoted scalar's escapes.
                    var stream = new YamlStream();
                    stream.Load(new StringReader("v: " + m.Groups[1].Value));
                    text = ((YamlScalarNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("v")]).Value!;
                }

                if (seen.Add(text))
                {
                    data.Add(Path.GetFileName(file), text);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RuleFileTemplates))]
    public void Rule_file_alert_template_parses_and_expands(string file, string field, string text)
    {
        Assert.True(AlertTemplateExpander.TryParse(field, text, null, out var error), $"{file} {field}: {error}");

        var ok = AlertTemplateExpander.TryExpand(field, text, SampleAlert, PrometheusFunctions.Create(QueryContext), out _, out error);

        Assert.True(ok, $"{file} {field}: {error}");
    }

    [Fact]
    public void Rule_corpus_has_templates_to_check()
    {
        Assert.True(RuleFileTemplates().Count > 200, $"found only {RuleFileTemplates().Count} templates");
    }

    [Theory]
    [MemberData(nameof(SeedTemplates))]
    public void Seed_template_parses_and_expands(string file, string text)
    {
        var functions = PrometheusFunctions.Create(new PrometheusTemplateContext());
        AlertmanagerFunctions.AddTo(functions);
        var isRuleTemplate = text.Contains('$', StringComparison.Ordinal);

        string? error;
        bool ok;
        if (isRuleTemplate)
        {
            ok = AlertTemplateExpander.TryExpand("Seed", text, SampleAlert, functions, out _, out error);
        }
        else
        {
            ok = TryExpandNotification(text, functions, out error);
        }

        Assert.True(ok, $"{file}: {error}");
    }

    private static bool TryExpandNotification(string text, TemplateFunctions functions, out string? error)
    {
        var data = new NotificationData
        {
            Receiver = "r",
            Status = "firing",
            Alerts = new Alerts([new Alert { Status = "firing", Labels = new KV([KeyValuePair.Create("alertname", "A")]), Annotations = new KV([KeyValuePair.Create("description", "d")]) }]),
            GroupLabels = new KV([KeyValuePair.Create("alertname", "A")]),
            CommonLabels = new KV([KeyValuePair.Create("severity", "critical")]),
        };
        try
        {
            Template.Parse("seed", text, new TemplateOptions { Functions = functions, MissingKey = MissingKeyOption.Zero }).Execute(data);
            error = null;
            return true;
        }
        catch (TemplateException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    private static IEnumerable<(string Rule, string Field, string Text)> AlertTemplates(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                if (map.Children.TryGetValue(new YamlScalarNode("alert"), out var alert) && map.Children.ContainsKey(new YamlScalarNode("expr")))
                {
                    foreach (var section in new[] { "annotations", "labels" })
                    {
                        if (map.Children.TryGetValue(new YamlScalarNode(section), out var fields) && fields is YamlMappingNode fieldMap)
                        {
                            foreach (var (key, value) in fieldMap.Children)
                            {
                                if (value is YamlScalarNode { Value: { } text })
                                {
                                    yield return (((YamlScalarNode)alert).Value!, $"{section}.{((YamlScalarNode)key).Value}", text);
                                }
                            }
                        }
                    }

                    yield break;
                }

                foreach (var child in map.Children.Values)
                {
                    foreach (var t in AlertTemplates(child))
                    {
                        yield return t;
                    }
                }

                break;
            case YamlSequenceNode seq:
                foreach (var child in seq.Children)
                {
                    foreach (var t in AlertTemplates(child))
                    {
                        yield return t;
                    }
                }

                break;
            default:
                break;
        }
    }

    [GeneratedRegex("""^[A-Za-z_]+:\s*(".*")$""")]
    private static partial Regex KeyValueLine();
}
