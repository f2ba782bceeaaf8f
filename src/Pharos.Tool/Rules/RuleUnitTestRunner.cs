using Pharos.Model;
using Pharos.PromQL.Engine;
using Pharos.PromQL.Parser;
using Pharos.Rules;
using Pharos.Rules.Files;
using Pharos.Storage;

namespace Pharos.Tool.Rules;

/// <summary>
/// Runs one promtool rule unit-test file (upstream <c>promtool test rules</c>): loads the input series into memory,
/// evaluates the rule groups at every evaluation interval from time 0 with the real engine and rule logic, and compares
/// firing alerts and expression results with the expectations.
/// </summary>
internal static class RuleUnitTestRunner
{
    /// <summary>Runs the tests of <paramref name="path"/>; returns the failures, empty when everything passed.</summary>
    public static async Task<List<string>> RunFileAsync(string path)
    {
        RuleUnitTestFile file;
        try
        {
            file = RuleUnitTestFile.Parse(await File.ReadAllTextAsync(path).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
        {
            return [ex.Message];
        }

        var dir = Path.GetDirectoryName(path) ?? ".";
        // As promtool, a pattern matching no file is skipped (promtool only warns).
        var ruleFiles = file.RuleFiles.SelectMany(f => Pharos.Config.ConfigLoader.Glob(dir, f)).ToList();
        var errors = new List<string>();
        foreach (var group in file.Tests)
        {
            errors.AddRange(await RunGroupAsync(file, group, ruleFiles).ConfigureAwait(false));
        }

        return errors;
    }

    private static async Task<List<string>> RunGroupAsync(RuleUnitTestFile file, RuleUnitTestFile.TestGroup test, List<string> ruleFiles)
    {
        var storage = new MemoryStorage();
        var errors = new List<string>();
        foreach (var (series, values) in test.InputSeries)
        {
            try
            {
                var labels = ParseLabels(series);
                var expanded = SeriesNotation.Expand(values);
                var samples = new List<(long, double)>();
                for (var i = 0; i < expanded.Count; i++)
                {
                    if (expanded[i] is { } v)
                    {
                        samples.Add(((long)(i * test.Interval.TotalMilliseconds), v));
                    }
                }

                storage.Load(labels, samples);
            }
            catch (Exception ex) when (ex is FormatException or PromQLParseException)
            {
                return [$"    series \"{series}\": {ex.Message}"];
            }
        }

        using var engine = new PromQLEngine();
        var query = RuleQuery.FromEngine(engine, storage);
        await using var manager = new RuleManager(new RuleManagerOptions { Query = query, Appendable = storage });
        IReadOnlyList<RuleGroup> groups;
        try
        {
            groups = manager.LoadGroups(ruleFiles, test.Interval, test.ExternalLabels, test.ExternalUrl);
        }
        catch (RuleFileException ex)
        {
            return ex.Errors.Select(e => e.ToString()).ToList();
        }

        groups = Order(groups, file.GroupEvalOrder);
        var evalInterval = file.EvaluationInterval;
        var maxEval = test.AlertTests.Select(a => a.EvalTime).Concat(test.ExprTests.Select(e => e.EvalTime)).DefaultIfEmpty(TimeSpan.Zero).Max();
        var alertTimes = test.AlertTests.Select(a => a.EvalTime).Distinct().Order().ToList();
        var current = 0;
        for (var ts = TimeSpan.Zero; ts <= maxEval; ts += evalInterval)
        {
            var time = DateTimeOffset.UnixEpoch + ts;
            var evalErrors = new List<string>();
            foreach (var g in groups)
            {
                await g.EvaluateAsync(time).ConfigureAwait(false);
                foreach (var r in g.State().Rules)
                {
                    if (r.LastError is { } err)
                    {
                        evalErrors.Add($"    rule: {r.Name}, time: {Format(ts)}, err: {err}");
                    }
                }
            }

            if (evalErrors.Count > 0)
            {
                errors.AddRange(evalErrors);
                return errors;
            }

            // Alerts expected at a time between this evaluation and the next are checked against this one.
            while (current < alertTimes.Count && ts <= alertTimes[current] && alertTimes[current] < ts + evalInterval)
            {
                var t = alertTimes[current];
                foreach (var alertTest in test.AlertTests.Where(a => a.EvalTime == t))
                {
                    CheckAlerts(test, groups, alertTest, errors);
                }

                current++;
            }
        }

        foreach (var exprTest in test.ExprTests)
        {
            CheckExpr(test, query, exprTest, errors);
        }

        return errors;
    }

    private static void CheckAlerts(RuleUnitTestFile.TestGroup test, IReadOnlyList<RuleGroup> groups, RuleUnitTestFile.AlertTest alertTest, List<string> errors)
    {
        var got = groups.SelectMany(g => g.State().Rules)
            .Where(r => r.Kind == RuleKind.Alerting && r.Name == alertTest.AlertName)
            .SelectMany(r => r.Alerts)
            .Where(a => a.State == AlertState.Firing)
            .Select(a => (a.Labels, a.Annotations))
            .ToList();
        var expected = alertTest.Expected
            .Select(e => (new LabelsBuilder(e.Labels).Set(RuleNames.AlertName, alertTest.AlertName).ToLabels(), e.Annotations))
            .ToList();
        got.Sort(CompareAlerts);
        expected.Sort(CompareAlerts);
        if (!got.SequenceEqual(expected))
        {
            var name = test.Name.Length > 0 ? $"    name: {test.Name},\n" : "";
            errors.Add($"{name}    alertname: {alertTest.AlertName}, time: {Format(alertTest.EvalTime)}, \n        exp:{FormatAlerts(expected)}, \n        got:{FormatAlerts(got)}");
        }
    }

    private static void CheckExpr(RuleUnitTestFile.TestGroup test, QueryFunc query, RuleUnitTestFile.ExprTest exprTest, List<string> errors)
    {
        _ = test;
        IReadOnlyList<Sample> result;
        try
        {
            result = query(exprTest.Expr, DateTimeOffset.UnixEpoch + exprTest.EvalTime, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is PromQLParseException or PromQLQueryException or InvalidOperationException)
        {
            var message = ex is PromQLParseException p && p.Errors.Count > 0 ? p.Errors[0].ToString() : ex.Message;
            errors.Add($"    expr: \"{exprTest.Expr}\", time: {Format(exprTest.EvalTime)}, err: {message}");
            return;
        }

        var got = result.Select(s => (s.Metric, s.Value)).OrderBy(s => s.Metric).ToList();
        var expected = new List<(Labels Metric, double Value)>();
        foreach (var (labels, value) in exprTest.Expected)
        {
            try
            {
                expected.Add((ParseLabels(labels), value));
            }
            catch (PromQLParseException ex)
            {
                errors.Add($"    expr: \"{exprTest.Expr}\", time: {Format(exprTest.EvalTime)}, err: labels \"{labels}\": {ex.Message}");
                return;
            }
        }

        expected = expected.OrderBy(s => s.Metric).ToList();

        // Values compare with ==, as upstream's deep equality: NaN never matches.
        var same = got.Count == expected.Count && got.Zip(expected).All(p => p.First.Metric == p.Second.Metric && p.First.Value == p.Second.Value);
        if (!same)
        {
            errors.Add($"    expr: \"{exprTest.Expr}\", time: {Format(exprTest.EvalTime)},\n        exp: {FormatSamples(expected)}\n        got: {FormatSamples(got)}");
        }
    }

    private static IReadOnlyList<RuleGroup> Order(IReadOnlyList<RuleGroup> groups, List<string> order)
    {
        if (order.Count == 0)
        {
            return groups;
        }

        return groups.OrderBy(g => order.IndexOf(g.Name) is var i && i < 0 ? int.MaxValue : i).ToList();
    }

    private static Labels ParseLabels(string text)
    {
        var trimmed = text.Trim();
        if (trimmed is "" or "{}")
        {
            return Labels.Empty;
        }

        var matchers = PromQLParser.ParseMetricSelector(trimmed);
        return Labels.FromLabels(matchers.Select(m => new Label(m.Name, m.Value)));
    }

    private static int CompareAlerts((Labels Labels, Labels Annotations) a, (Labels Labels, Labels Annotations) b)
    {
        var c = a.Labels.CompareTo(b.Labels);
        return c != 0 ? c : a.Annotations.CompareTo(b.Annotations);
    }

    private static string FormatAlerts(List<(Labels Labels, Labels Annotations)> alerts) =>
        "[\n" + string.Concat(alerts.Select((a, i) => $"            {i}:\n              Labels:{a.Labels}\n              Annotations:{a.Annotations}\n")) + "            ]";

    private static string FormatSamples(List<(Labels Metric, double Value)> samples) =>
        string.Join(", ", samples.Select(s => $"{s.Metric} {s.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));

    private static string Format(TimeSpan t) => PrometheusDuration.Format(t);
}
