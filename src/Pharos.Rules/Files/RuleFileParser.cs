using System.Globalization;
using Pharos.Model;
using Pharos.PromQL.Parser;
using Pharos.Templating.Prometheus;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pharos.Rules.Files;

/// <summary>
/// Reads Prometheus rule files (upstream <c>rulefmt</c>): strict YAML (unknown fields are errors), then the checks
/// <c>promtool check rules</c> makes: group names unique and non-empty, exactly one of <c>record</c>/<c>alert</c>,
/// expressions that parse, valid names, templates that parse. Every problem is reported with its line.
/// </summary>
public static class RuleFileParser
{
    private static readonly string[] GroupFields = ["name", "interval", "query_offset", "limit", "labels", "rules"];
    private static readonly string[] RuleFields = ["record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations"];

    /// <summary>Reads and validates a rule file from disk.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Validation settings; defaults when null.</param>
    /// <returns>The parsed file.</returns>
    /// <exception cref="RuleFileException">The file cannot be read or is invalid.</exception>
    public static RuleFile Load(string path, RuleFileParserOptions? options = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RuleFileException([new RuleFileError(path, 0, 0, ex.Message)]);
        }

        return Parse(text, path, options);
    }

    /// <summary>Parses and validates rule file text.</summary>
    /// <param name="yaml">The file content.</param>
    /// <param name="path">The file name used in errors.</param>
    /// <param name="options">Validation settings; defaults when null.</param>
    /// <returns>The parsed file.</returns>
    /// <exception cref="RuleFileException">The text is invalid.</exception>
    public static RuleFile Parse(string yaml, string path, RuleFileParserOptions? options = null) =>
        TryParse(yaml, path, options, out var file, out var errors) ? file! : throw new RuleFileException(errors);

    /// <summary>Parses and validates rule file text, collecting every problem.</summary>
    /// <param name="yaml">The file content.</param>
    /// <param name="path">The file name used in errors.</param>
    /// <param name="options">Validation settings; defaults when null.</param>
    /// <param name="file">The parsed file when valid.</param>
    /// <param name="errors">The problems, empty when valid.</param>
    /// <returns>Whether the file is valid.</returns>
    public static bool TryParse(string yaml, string path, RuleFileParserOptions? options, out RuleFile? file, out IReadOnlyList<RuleFileError> errors)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var reader = new Reader(path, options ?? new RuleFileParserOptions());
        file = reader.Read(yaml);
        errors = reader.Errors;
        if (errors.Count > 0)
        {
            file = null;
            return false;
        }

        return true;
    }

    private sealed class Reader(string path, RuleFileParserOptions options)
    {
        public List<RuleFileError> Errors { get; } = [];

        public RuleFile? Read(string yaml)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(yaml));
            }
            catch (YamlException ex)
            {
                var message = ex.InnerException is { } inner ? $"{ex.Message}: {inner.Message}" : ex.Message;
                Errors.Add(new RuleFileError(path, (int)ex.Start.Line, (int)ex.Start.Column, "yaml: " + message));
                return null;
            }

            var groups = new List<RuleGroupDefinition>();
            if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
            {
                return new RuleFile(path, groups);
            }

            if (stream.Documents.Count > 1)
            {
                Error(stream.Documents[1].RootNode, "yaml: expected a single document");
                return null;
            }

            var root = stream.Documents[0].RootNode;
            if (options.UnwrapPrometheusRule && root is YamlMappingNode m && Get(m, "kind") is YamlScalarNode { Value: "PrometheusRule" })
            {
                root = Get(m, "spec") ?? new YamlMappingNode();
            }

            if (Mapping(root, "rulefmt.RuleGroups") is not { } top)
            {
                return null;
            }

            CheckFields(top, ["groups"], "rulefmt.RuleGroups");
            var names = new HashSet<string>(StringComparer.Ordinal);
            if (Get(top, "groups") is { } list && !IsNull(list))
            {
                if (list is not YamlSequenceNode seq)
                {
                    Error(list, $"yaml: cannot unmarshal {Tag(list)} into []rulefmt.RuleGroup");
                    return null;
                }

                foreach (var node in seq)
                {
                    if (ReadGroup(node) is not { } group)
                    {
                        continue;
                    }

                    if (group.Name.Length == 0)
                    {
                        Error(node, "Groupname must not be empty");
                    }
                    else if (!names.Add(group.Name))
                    {
                        Error(node, $"groupname: \"{group.Name}\" is repeated in the same file");
                    }

                    groups.Add(group);
                }
            }

            return new RuleFile(path, groups);
        }

        private RuleGroupDefinition? ReadGroup(YamlNode node)
        {
            if (Mapping(node, "rulefmt.RuleGroup") is not { } m)
            {
                return null;
            }

            CheckFields(m, GroupFields, "rulefmt.RuleGroup");
            var name = String(m, "name") ?? "";
            var rules = new List<RuleDefinition>();
            if (Get(m, "rules") is { } list && !IsNull(list))
            {
                if (list is not YamlSequenceNode seq)
                {
                    Error(list, $"yaml: cannot unmarshal {Tag(list)} into []rulefmt.RuleNode");
                }
                else
                {
                    var index = 0;
                    foreach (var ruleNode in seq)
                    {
                        index++;
                        if (ReadRule(ruleNode, name, index) is { } rule)
                        {
                            rules.Add(rule);
                        }
                    }
                }
            }

            var limit = 0;
            if (Get(m, "limit") is YamlScalarNode limitNode && !IsNull(limitNode)
                && !int.TryParse(limitNode.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out limit))
            {
                Error(limitNode, $"yaml: cannot unmarshal {Tag(limitNode)} `{limitNode.Value}` into int");
            }

            return new RuleGroupDefinition
            {
                Name = name,
                Interval = Duration(m, "interval"),
                QueryOffset = Duration(m, "query_offset"),
                Limit = limit,
                Labels = StringMap(m, "labels", false, name, 0, "label"),
                Rules = rules,
                Line = (int)node.Start.Line,
            };
        }

        private RuleDefinition? ReadRule(YamlNode node, string group, int index)
        {
            if (Mapping(node, "rulefmt.RuleNode") is not { } m)
            {
                return null;
            }

            CheckFields(m, RuleFields, "rulefmt.RuleNode");
            var record = String(m, "record");
            var alert = String(m, "alert");
            var expr = String(m, "expr") ?? "";
            var name = record is { Length: > 0 } ? record : alert ?? "";
            var errorCount = Errors.Count;

            void RuleError(YamlNode at, string message) =>
                Error(at, $"group \"{group}\", rule {index}, \"{name}\": {message}");

            var hasRecord = record is { Length: > 0 };
            var hasAlert = alert is { Length: > 0 };
            if (hasRecord && hasAlert)
            {
                RuleError(node, "only one of 'record' and 'alert' must be set");
            }
            else if (!hasRecord && !hasAlert)
            {
                RuleError(node, "one of 'record' or 'alert' must be set");
            }

            var exprNode = Get(m, "expr") ?? node;
            if (expr.Length == 0)
            {
                RuleError(exprNode, "field 'expr' must be set in rule");
            }
            else
            {
                try
                {
                    PromQLParser.ParseExpr(expr);
                }
                catch (PromQLParseException ex)
                {
                    RuleError(exprNode, "could not parse expression: " + (ex.Errors.Count > 0 ? ex.Errors[0].ToString() : ex.Message));
                }
            }

            var forDuration = Duration(m, "for") ?? TimeSpan.Zero;
            var keepFiringFor = Duration(m, "keep_firing_for") ?? TimeSpan.Zero;
            var labels = StringMap(m, "labels", hasAlert, name, index, "label");
            var annotations = StringMap(m, "annotations", hasAlert, name, index, "annotation");
            if (hasRecord)
            {
                if (Get(m, "annotations") is YamlMappingNode { Children.Count: > 0 })
                {
                    RuleError(node, "invalid field 'annotations' in recording rule");
                }

                if (forDuration != TimeSpan.Zero)
                {
                    RuleError(node, "invalid field 'for' in recording rule");
                }

                if (keepFiringFor != TimeSpan.Zero)
                {
                    RuleError(node, "invalid field 'keep_firing_for' in recording rule");
                }

                if (!NameValidation.IsValidMetricName(record!, options.NameValidationScheme))
                {
                    RuleError(Get(m, "record")!, $"invalid recording rule name: {record}");
                }
            }

            if (Get(m, "labels") is YamlMappingNode labelMap)
            {
                foreach (var (key, _) in labelMap.Children)
                {
                    var k = (key as YamlScalarNode)?.Value ?? "";
                    if (k == LabelNames.MetricName || !NameValidation.IsValidLabelName(k, options.NameValidationScheme))
                    {
                        RuleError(key, $"invalid label name: {k}");
                    }
                }
            }

            if (Get(m, "annotations") is YamlMappingNode annotationMap)
            {
                foreach (var (key, _) in annotationMap.Children)
                {
                    var k = (key as YamlScalarNode)?.Value ?? "";
                    if (!NameValidation.IsValidLabelName(k, options.NameValidationScheme))
                    {
                        RuleError(key, $"invalid annotation name: {k}");
                    }
                }
            }

            if (hasAlert)
            {
                CheckTemplates(m, "labels", alert!, RuleError);
                CheckTemplates(m, "annotations", alert!, RuleError);
            }

            if (Errors.Count > errorCount)
            {
                return null;
            }

            return new RuleDefinition
            {
                Record = hasRecord ? record : null,
                Alert = hasRecord ? null : alert,
                Expr = expr,
                For = forDuration,
                KeepFiringFor = keepFiringFor,
                Labels = labels,
                Annotations = annotations,
                Line = (int)node.Start.Line,
            };
        }

        private static void CheckTemplates(YamlMappingNode m, string key, string alert, Action<YamlNode, string> error)
        {
            if (Get(m, key) is not YamlMappingNode map)
            {
                return;
            }

            foreach (var (_, value) in map.Children)
            {
                if (value is YamlScalarNode { Value: { } text } && !AlertTemplateExpander.TryParse(alert, text, null, out var message))
                {
                    error(value, message!);
                }
            }
        }

        private Labels StringMap(YamlMappingNode m, string key, bool alerting, string rule, int index, string what)
        {
            _ = alerting;
            _ = rule;
            _ = index;
            _ = what;
            if (Get(m, key) is not { } node || IsNull(node))
            {
                return Labels.Empty;
            }

            if (node is not YamlMappingNode map)
            {
                Error(node, $"yaml: cannot unmarshal {Tag(node)} into map[string]string");
                return Labels.Empty;
            }

            var pairs = new List<Label>();
            foreach (var (k, v) in map.Children)
            {
                if (k is not YamlScalarNode ks)
                {
                    Error(k, $"yaml: cannot unmarshal {Tag(k)} into string");
                    continue;
                }

                if (IsNull(v))
                {
                    pairs.Add(new Label(ks.Value ?? "", ""));
                }
                else if (v is YamlScalarNode vs)
                {
                    pairs.Add(new Label(ks.Value ?? "", vs.Value ?? ""));
                }
                else
                {
                    Error(v, $"yaml: cannot unmarshal {Tag(v)} into string");
                }
            }

            return Labels.FromLabels(pairs);
        }

        private TimeSpan? Duration(YamlMappingNode m, string key)
        {
            if (Get(m, key) is not { } node || IsNull(node))
            {
                return null;
            }

            if (node is not YamlScalarNode s)
            {
                Error(node, $"yaml: cannot unmarshal {Tag(node)} into model.Duration");
                return null;
            }

            if (!PrometheusDuration.TryParse(s.Value ?? "", out var d, out var error))
            {
                Error(node, error ?? $"not a valid duration string: \"{s.Value}\"");
                return null;
            }

            return d;
        }

        private string? String(YamlMappingNode m, string key)
        {
            if (Get(m, key) is not { } node || IsNull(node))
            {
                return null;
            }

            if (node is not YamlScalarNode s)
            {
                Error(node, $"yaml: cannot unmarshal {Tag(node)} into string");
                return null;
            }

            return s.Value ?? "";
        }

        private YamlMappingNode? Mapping(YamlNode node, string type)
        {
            if (node is YamlMappingNode m)
            {
                return m;
            }

            if (IsNull(node))
            {
                return new YamlMappingNode();
            }

            var value = node is YamlScalarNode s ? $" `{s.Value}`" : "";
            Error(node, $"yaml: cannot unmarshal {Tag(node)}{value} into {type}");
            return null;
        }

        private void CheckFields(YamlMappingNode m, string[] known, string type)
        {
            foreach (var (key, _) in m.Children)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                if (Array.IndexOf(known, name) < 0)
                {
                    Error(key, $"field {name} not found in type {type}");
                }
            }
        }

        private void Error(YamlNode node, string message) =>
            Errors.Add(new RuleFileError(path, (int)node.Start.Line, (int)node.Start.Column, message));

        private static YamlNode? Get(YamlMappingNode m, string key) =>
            m.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        private static bool IsNull(YamlNode node) =>
            node is YamlScalarNode { Style: ScalarStyle.Plain } s && (s.Value is null or "" or "~" or "null" or "Null" or "NULL");

        private static string Tag(YamlNode node) => node switch
        {
            YamlMappingNode => "!!map",
            YamlSequenceNode => "!!seq",
            _ => "!!str",
        };
    }
}
