using System.CommandLine;
using Pharos.Model;
using Pharos.Rules.Files;

namespace Pharos.Tool.Rules;

/// <summary>
/// <c>pharos tool check rules FILE…</c>: validates rule files as <c>promtool check rules</c>, with its output shape
/// and exit codes (0 valid, 1 invalid, 3 lint problems with <c>--lint-fatal</c>). Names are checked with the legacy
/// character set, as promtool 2.x does. <c>--unwrap-prometheus-rule</c> also accepts Kubernetes
/// <c>PrometheusRule</c> objects and checks their <c>spec</c>.
/// </summary>
public static class CheckRulesCommand
{
    private const int LintExitCode = 3;

    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var lint = new Option<string>("--lint")
        {
            Description = "Linting checks to apply. Available options are: all, duplicate-rules, none.",
            DefaultValueFactory = _ => "duplicate-rules",
        };
        var lintFatal = new Option<bool>("--lint-fatal") { Description = "Make lint errors exit with exit code 3." };
        var unwrap = new Option<bool>("--unwrap-prometheus-rule") { Description = "Accept Kubernetes PrometheusRule objects and check their spec." };
        var files = new Argument<string[]>("rule-files") { Description = "The rule files to check.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("rules", "Check if the rule files are valid or not.");
        command.Options.Add(lint);
        command.Options.Add(lintFatal);
        command.Options.Add(unwrap);
        command.Arguments.Add(files);
        command.SetAction(result => Run(
            result.GetValue(files) ?? [],
            result.GetValue(lint) is "all" or "duplicate-rules",
            result.GetValue(lintFatal),
            result.GetValue(unwrap),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Checks each file, printing as promtool does.</summary>
    /// <param name="files">The rule files.</param>
    /// <param name="lintDuplicates">Report rules that record the same series twice.</param>
    /// <param name="lintFatal">Exit with 3 when the lint finds something.</param>
    /// <param name="unwrapPrometheusRule">Accept <c>PrometheusRule</c> objects.</param>
    /// <param name="output">Progress, successes and lint findings.</param>
    /// <param name="error">Failures.</param>
    /// <returns>0 when valid, 1 when a file is invalid, 3 for lint findings with <paramref name="lintFatal"/>.</returns>
    public static int Run(IReadOnlyList<string> files, bool lintDuplicates, bool lintFatal, bool unwrapPrometheusRule, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var options = new RuleFileParserOptions { NameValidationScheme = NameValidationScheme.Legacy, UnwrapPrometheusRule = unwrapPrometheusRule };
        var failed = false;
        var lintFound = false;
        foreach (var file in files)
        {
            output.WriteLine($"Checking {file}");
            RuleFile parsed;
            try
            {
                parsed = RuleFileParser.Load(file, options);
            }
            catch (RuleFileException ex)
            {
                error.WriteLine("  FAILED:");
                foreach (var e in ex.Errors)
                {
                    error.WriteLine(e.ToString());
                }

                error.WriteLine();
                failed = true;
                continue;
            }

            var count = parsed.Groups.Sum(g => g.Rules.Count);
            if (lintDuplicates && Duplicates(parsed) is { Count: > 0 } duplicates)
            {
                lintFound = true;
                output.WriteLine($"{file}: {duplicates.Count} duplicate rule(s) found.");
                foreach (var d in duplicates)
                {
                    output.WriteLine($"Metric: {d.Name}\nLabel(s):");
                    foreach (var l in d.Labels)
                    {
                        output.WriteLine($"\t{l.Name}: {l.Value}");
                    }
                }

                output.WriteLine("Might cause inconsistency while recording expressions.");
            }

            output.WriteLine($"  SUCCESS: {count} rules found");
            output.WriteLine();
        }

        return failed ? 1 : lintFound && lintFatal ? LintExitCode : 0;
    }

    // promtool's duplicate-rules lint: two recording rules with the same name and labels anywhere in the file.
    private static List<(string Name, Labels Labels)> Duplicates(RuleFile file)
    {
        var result = new List<(string, Labels)>();
        var seen = new HashSet<(string, Labels)>();
        foreach (var g in file.Groups)
        {
            foreach (var r in g.Rules)
            {
                if (r.Record is { } name && !seen.Add((name, r.Labels)))
                {
                    result.Add((name, r.Labels));
                }
            }
        }

        return result;
    }
}
