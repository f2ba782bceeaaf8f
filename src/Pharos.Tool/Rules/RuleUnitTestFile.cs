using System.Globalization;
using Pharos.Model;
using YamlDotNet.RepresentationModel;

namespace Pharos.Tool.Rules;

/// <summary>A promtool rule unit-test file: rule files, evaluation interval, group order and test groups.</summary>
internal sealed class RuleUnitTestFile
{
    public List<string> RuleFiles { get; } = [];

    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromMinutes(1);

    public List<string> GroupEvalOrder { get; } = [];

    public List<TestGroup> Tests { get; } = [];

    /// <summary>Reads the file.</summary>
    /// <exception cref="FormatException">The YAML is not a valid unit-test file.</exception>
    public static RuleUnitTestFile Parse(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new FormatException($"yaml: line {ex.Start.Line}: {ex.Message}", ex);
        }

        var file = new RuleUnitTestFile();
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return file;
        }

        Check(root, "rule_files", "evaluation_interval", "group_eval_order", "tests");
        file.RuleFiles.AddRange(Strings(root, "rule_files"));
        if (Duration(root, "evaluation_interval") is { } interval && interval > TimeSpan.Zero)
        {
            file.EvaluationInterval = interval;
        }

        file.GroupEvalOrder.AddRange(Strings(root, "group_eval_order"));
        if (Get(root, "tests") is YamlSequenceNode tests)
        {
            foreach (var t in tests.OfType<YamlMappingNode>())
            {
                file.Tests.Add(ReadGroup(t, file.EvaluationInterval));
            }
        }

        return file;
    }

    private static TestGroup ReadGroup(YamlMappingNode m, TimeSpan evaluationInterval)
    {
        Check(m, "interval", "input_series", "alert_rule_test", "promql_expr_test", "external_labels", "external_url", "name");
        var group = new TestGroup
        {
            Interval = Duration(m, "interval") is { } i && i > TimeSpan.Zero ? i : evaluationInterval,
            Name = Scalar(m, "name") ?? "",
            ExternalUrl = Scalar(m, "external_url") ?? "",
            ExternalLabels = Map(m, "external_labels"),
        };
        foreach (var s in Maps(m, "input_series"))
        {
            Check(s, "series", "values");
            group.InputSeries.Add((Scalar(s, "series") ?? "", Scalar(s, "values") ?? ""));
        }

        foreach (var a in Maps(m, "alert_rule_test"))
        {
            Check(a, "eval_time", "alertname", "exp_alerts");
            var test = new AlertTest(Duration(a, "eval_time") ?? TimeSpan.Zero, Scalar(a, "alertname") ?? "");
            foreach (var e in Maps(a, "exp_alerts"))
            {
                Check(e, "exp_labels", "exp_annotations");
                test.Expected.Add((Map(e, "exp_labels"), Map(e, "exp_annotations")));
            }

            group.AlertTests.Add(test);
        }

        foreach (var p in Maps(m, "promql_expr_test"))
        {
            Check(p, "expr", "eval_time", "exp_samples");
            var test = new ExprTest(Scalar(p, "expr") ?? "", Duration(p, "eval_time") ?? TimeSpan.Zero);
            foreach (var e in Maps(p, "exp_samples"))
            {
                Check(e, "labels", "value", "histogram");
                var value = Scalar(e, "value") ?? "0";
                test.Expected.Add((Scalar(e, "labels") ?? "", ParseFloat(value)));
            }

            group.ExprTests.Add(test);
        }

        return group;
    }

    private static double ParseFloat(string text) => text.ToLowerInvariant() switch
    {
        ".inf" or "+.inf" or "inf" or "+inf" => double.PositiveInfinity,
        "-.inf" or "-inf" => double.NegativeInfinity,
        ".nan" or "nan" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"invalid sample value \"{text}\""),
    };

    private static void Check(YamlMappingNode m, params string[] fields)
    {
        foreach (var key in m.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (Array.IndexOf(fields, name) < 0)
            {
                throw new FormatException($"yaml: unmarshal errors:\n  line {key.Start.Line}: field {name} not found");
            }
        }
    }

    private static YamlNode? Get(YamlMappingNode m, string key) => m.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    private static string? Scalar(YamlMappingNode m, string key) => Get(m, key) is YamlScalarNode s ? s.Value : null;

    private static IEnumerable<string> Strings(YamlMappingNode m, string key) =>
        Get(m, key) is YamlSequenceNode seq ? seq.OfType<YamlScalarNode>().Select(s => s.Value ?? "") : [];

    private static IEnumerable<YamlMappingNode> Maps(YamlMappingNode m, string key) =>
        Get(m, key) is YamlSequenceNode seq ? seq.OfType<YamlMappingNode>() : [];

    private static Labels Map(YamlMappingNode m, string key)
    {
        if (Get(m, key) is not YamlMappingNode map)
        {
            return Labels.Empty;
        }

        return Labels.FromLabels(map.Children.Select(kv => new Label((kv.Key as YamlScalarNode)?.Value ?? "", (kv.Value as YamlScalarNode)?.Value ?? "")));
    }

    private static TimeSpan? Duration(YamlMappingNode m, string key)
    {
        if (Scalar(m, key) is not { } text)
        {
            return null;
        }

        return PrometheusDuration.TryParse(text, out var d, out var error) ? d : throw new FormatException(error);
    }

    internal sealed class TestGroup
    {
        public TimeSpan Interval { get; init; }

        public string Name { get; init; } = "";

        public string ExternalUrl { get; init; } = "";

        public Labels ExternalLabels { get; init; }

        public List<(string Series, string Values)> InputSeries { get; } = [];

        public List<AlertTest> AlertTests { get; } = [];

        public List<ExprTest> ExprTests { get; } = [];
    }

    internal sealed record AlertTest(TimeSpan EvalTime, string AlertName)
    {
        public List<(Labels Labels, Labels Annotations)> Expected { get; } = [];
    }

    internal sealed record ExprTest(string Expr, TimeSpan EvalTime)
    {
        public List<(string Labels, double Value)> Expected { get; } = [];
    }
}
