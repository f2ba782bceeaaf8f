using System.CommandLine;
using Pharos.Model;
using MatchType = Pharos.Model.MatchType;

namespace Pharos.Tool.Tsdb;

/// <summary><c>pharos tool tsdb</c>: promtool's TSDB verbs (<c>list</c>, <c>analyze</c>, <c>dump</c>, <c>create-blocks-from openmetrics</c>).</summary>
public static class TsdbCommand
{
    /// <summary>promtool's default data directory.</summary>
    public const string DefaultDirectory = "data/";

    /// <summary>Creates the command tree.</summary>
    /// <returns>The <c>tsdb</c> command.</returns>
    public static Command Create()
    {
        var tsdb = new Command("tsdb", "Run tsdb commands.");
        tsdb.Subcommands.Add(ListCommand());
        tsdb.Subcommands.Add(AnalyzeCommand());
        tsdb.Subcommands.Add(DumpCommand());
        var create = new Command("create-blocks-from", "[Experimental] Import samples from input and produce TSDB blocks. Please refer to the storage docs for more details.");
        create.Subcommands.Add(OpenMetricsCommand());
        tsdb.Subcommands.Add(create);
        return tsdb;
    }

    private static Argument<string> DirectoryArgument() => new("db path")
    {
        Description = "Database path (default is " + DefaultDirectory + ").",
        Arity = ArgumentArity.ZeroOrOne,
        DefaultValueFactory = _ => DefaultDirectory,
    };

    private static Command ListCommand()
    {
        var human = new Option<bool>("--human-readable", "-r") { Description = "Print human readable values." };
        var dir = DirectoryArgument();
        var command = new Command("list", "List tsdb blocks.") { human, dir };
        command.SetAction(result => Guard(result.InvocationConfiguration.Error, () =>
            TsdbInspection.List(result.GetValue(dir)!, result.GetValue(human), result.InvocationConfiguration.Output)));
        return command;
    }

    private static Command AnalyzeCommand()
    {
        var limit = new Option<int>("--limit") { Description = "How many items to show in each list.", DefaultValueFactory = _ => 20 };
        var extended = new Option<bool>("--extended") { Description = "Run extended analysis (not supported yet; ignored)." };
        var dir = DirectoryArgument();
        var block = new Argument<string?>("block id") { Description = "Block to analyze (default is the last block).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("analyze", "Analyze churn, label pair cardinality and compaction efficiency.") { limit, extended, dir, block };
        command.SetAction(result => Guard(result.InvocationConfiguration.Error, () =>
            TsdbInspection.Analyze(result.GetValue(dir)!, result.GetValue(block), result.GetValue(limit), result.InvocationConfiguration.Output)));
        return command;
    }

    private static Command DumpCommand()
    {
        var minTime = new Option<long>("--min-time") { Description = "Minimum timestamp to dump.", DefaultValueFactory = _ => long.MinValue };
        var maxTime = new Option<long>("--max-time") { Description = "Maximum timestamp to dump.", DefaultValueFactory = _ => long.MaxValue };
        var match = new Option<string[]>("--match") { Description = "Series selector. Can be specified multiple times.", AllowMultipleArgumentsPerToken = false };
        var dir = DirectoryArgument();
        var command = new Command("dump", "Dump samples from a TSDB.") { minTime, maxTime, match, dir };
        command.SetAction(result => Guard(result.InvocationConfiguration.Error, () =>
        {
            var matchers = new List<Matcher>();
            foreach (var selector in result.GetValue(match) ?? [])
            {
                matchers.AddRange(ParseSelector(selector));
            }

            TsdbInspection.Dump(result.GetValue(dir)!, result.GetValue(minTime), result.GetValue(maxTime), matchers, result.InvocationConfiguration.Output);
        }));
        return command;
    }

    private static Command OpenMetricsCommand()
    {
        var human = new Option<bool>("--human-readable", "-r") { Description = "Print human readable values." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Do not print created blocks." };
        var duration = new Option<string>("--max-block-duration") { Description = "Maximum duration created blocks may span. Anything less than 2h is ignored.", DefaultValueFactory = _ => "2h" };
        var input = new Argument<string>("input file") { Description = "OpenMetrics file to read samples from." };
        var output = new Argument<string>("output directory") { Description = "Output directory for generated blocks.", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => DefaultDirectory };
        var command = new Command("openmetrics", "Import samples from OpenMetrics input and produce TSDB blocks. Please refer to the storage docs for more details.") { human, quiet, duration, input, output };
        command.SetAction(result => Guard(result.InvocationConfiguration.Error, () =>
        {
            // As promtool: the block duration is at least 2h and a multiple of it (rounded down).
            var width = ParseDuration(result.GetValue(duration)!);
            var twoHours = OpenMetricsBackfill.DefaultBlockDuration;
            width = width < twoHours ? twoHours : TimeSpan.FromTicks(width.Ticks / twoHours.Ticks * twoHours.Ticks);
            OpenMetricsBackfill.Run(result.GetValue(input)!, result.GetValue(output)!, width, result.GetValue(human), result.GetValue(quiet), result.InvocationConfiguration.Output);
        }));
        return command;
    }

    /// <summary>Runs a verb, turning expected failures into promtool's message and exit code 1.</summary>
    private static int Guard(TextWriter error, Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException or UnauthorizedAccessException or FormatException)
        {
            error.WriteLine(e.Message);
            return 1;
        }
    }

    /// <summary>Parses a simple series selector: <c>name</c>, <c>{a="b",c=~"d"}</c> or <c>name{…}</c>.</summary>
    private static List<Matcher> ParseSelector(string selector)
    {
        var matchers = new List<Matcher>();
        var brace = selector.IndexOf('{', StringComparison.Ordinal);
        var name = (brace < 0 ? selector : selector[..brace]).Trim();
        if (name.Length > 0)
        {
            matchers.Add(new Matcher(MatchType.Equal, LabelNames.MetricName, name));
        }

        if (brace >= 0)
        {
            var body = selector[(brace + 1)..].TrimEnd().TrimEnd('}');
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(body, """\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*,?"""))
            {
                var type = m.Groups[2].Value switch
                {
                    "=" => MatchType.Equal,
                    "!=" => MatchType.NotEqual,
                    "=~" => MatchType.Regex,
                    _ => MatchType.NotRegex,
                };
                matchers.Add(new Matcher(type, m.Groups[1].Value, System.Text.RegularExpressions.Regex.Unescape(m.Groups[3].Value)));
            }
        }

        if (matchers.Count == 0)
        {
            throw new FormatException($"invalid series selector {selector}");
        }

        return matchers;
    }

    private static TimeSpan ParseDuration(string text)
    {
        var m = System.Text.RegularExpressions.Regex.Match(text, "^([0-9]+)(ms|s|m|h|d|w|y)$");
        if (!m.Success)
        {
            throw new FormatException($"invalid duration {text}");
        }

        var n = long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(n),
            "s" => TimeSpan.FromSeconds(n),
            "m" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            "d" => TimeSpan.FromDays(n),
            "w" => TimeSpan.FromDays(7 * n),
            _ => TimeSpan.FromDays(365 * n),
        };
    }
}
