using System.Text;
using Pharos.Exposition;
using Pharos.Model;

namespace Pharos.Tool;

/// <summary>
/// <c>check metrics</c>: parses a Prometheus text exposition strictly, groups it into families as the Go text decoder
/// does, and applies <see cref="MetricsLintRules"/>. Output and exit codes are promtool's: problems as
/// <c>metric text</c> lines on standard error sorted by metric and text, 3 when there are problems, 1 when the input
/// does not parse.
/// </summary>
public static class MetricsLinter
{
    /// <summary>Exit status when the input parses but has lint problems.</summary>
    public const int LintProblemsExitCode = 3;

    /// <summary>Exit status when the input cannot be read or parsed.</summary>
    public const int FailureExitCode = 1;

    /// <summary>Largest input accepted, so a runaway pipe cannot exhaust memory.</summary>
    public const int MaxInputBytes = 512 << 20;

    /// <summary>Lints <paramref name="input"/>.</summary>
    /// <param name="input">The exposition.</param>
    /// <param name="output">Standard output (unused, as promtool prints findings to standard error).</param>
    /// <param name="error">Where findings and parse errors go.</param>
    /// <returns>0 when clean, 3 when there are problems, 1 when the input does not parse.</returns>
    public static int Run(Stream input, TextWriter output, TextWriter error)
    {
        _ = output;
        byte[] payload;
        try
        {
            payload = ReadAll(input);
        }
        catch (IOException e)
        {
            error.WriteLine($"error while linting: {e.Message}");
            return FailureExitCode;
        }

        IReadOnlyList<LintProblem> problems;
        try
        {
            problems = Lint(payload);
        }
        catch (ExpositionParseException e)
        {
            error.WriteLine($"error while linting: {e.Message}");
            return FailureExitCode;
        }

        foreach (var problem in problems)
        {
            error.WriteLine($"{problem.Metric} {problem.Text}");
        }

        return problems.Count > 0 ? LintProblemsExitCode : 0;
    }

    /// <summary>The sorted problems of a text exposition.</summary>
    /// <param name="payload">The exposition bytes.</param>
    /// <returns>Problems sorted by metric name, then text.</returns>
    /// <exception cref="ExpositionParseException">The input does not parse.</exception>
    public static IReadOnlyList<LintProblem> Lint(ReadOnlyMemory<byte> payload)
    {
        var problems = new List<LintProblem>();
        foreach (var family in ReadFamilies(payload))
        {
            problems.AddRange(MetricsLintRules.Check(family.Name, family.Type, family.HasHelp, family.LabelNames));
        }

        return [.. problems
            .OrderBy(p => p.Metric, StringComparer.Ordinal)
            .ThenBy(p => p.Text, StringComparer.Ordinal)];
    }

    private static List<Family> ReadFamilies(ReadOnlyMemory<byte> payload)
    {
        var parser = ExpositionParser.Create(ExpositionFormat.PrometheusText, ParserMode.Strict);
        parser.Reset(payload);
        var families = new List<Family>();
        var byName = new Dictionary<string, Family>(StringComparer.Ordinal);
        var builder = new LabelsBuilder();
        Family? current = null;
        for (var entry = parser.Next(); entry != ExpositionEntry.EndOfInput; entry = parser.Next())
        {
            switch (entry)
            {
                case ExpositionEntry.Help:
                    current = Declare(Encoding.UTF8.GetString(parser.FamilyName));
                    current.HasHelp = true;
                    break;
                case ExpositionEntry.Type:
                    current = Declare(Encoding.UTF8.GetString(parser.FamilyName));
                    current.Type = parser.Type;
                    break;
                case ExpositionEntry.Series:
                case ExpositionEntry.Histogram:
                    parser.GetLabels(builder);
                    var name = builder.Get(LabelNames.MetricName);
                    if (current is null || !current.Owns(name))
                    {
                        current = Declare(name);
                    }

                    builder.ForEach(l =>
                    {
                        if (l.Name != LabelNames.MetricName && !current.IsStructural(name, l.Name))
                        {
                            current.LabelNames.Add(l.Name);
                        }
                    });
                    break;
            }
        }

        return families;

        Family Declare(string name)
        {
            if (!byName.TryGetValue(name, out var family))
            {
                family = new Family(name);
                byName[name] = family;
                families.Add(family);
            }

            return family;
        }
    }

    private static byte[] ReadAll(Stream input)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = input.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxInputBytes)
            {
                throw new IOException($"input is larger than {MaxInputBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private sealed class Family(string name)
    {
        public string Name { get; } = name;

        public MetricType Type { get; set; } = MetricType.Unknown;

        public bool HasHelp { get; set; }

        public HashSet<string> LabelNames { get; } = new(StringComparer.Ordinal);

        // A histogram or summary family also owns its _bucket, _sum and _count series, as the Go decoder groups them.
        public bool Owns(string seriesName) =>
            seriesName == Name ||
            (Type is MetricType.Histogram or MetricType.Summary &&
             (seriesName == Name + "_sum" || seriesName == Name + "_count" || (Type == MetricType.Histogram && seriesName == Name + "_bucket")));

        // le and quantile are part of the type's structure, not labels, for the family types that define them.
        public bool IsStructural(string seriesName, string labelName) =>
            (Type == MetricType.Histogram && seriesName == Name + "_bucket" && labelName == Model.LabelNames.BucketUpperBound) ||
            (Type == MetricType.Summary && seriesName == Name && labelName == Model.LabelNames.Quantile);
    }
}
