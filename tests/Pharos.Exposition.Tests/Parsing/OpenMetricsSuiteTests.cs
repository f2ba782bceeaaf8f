using Xunit;

namespace Pharos.Exposition.Tests.Parsing;

public sealed class OpenMetricsSuiteTests
{
    private const string DisagreementsFile = "openmetrics-strict-disagreements.md";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in OpenMetricsSuite.CaseNames())
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>Disagreements are the table rows of the checked-in file: <c>| case | reason |</c>.</summary>
    private static SortedSet<string> ListedDisagreements() => OpenMetricsSuite.ReadList(DisagreementsFile, line =>
    {
        if (!line.StartsWith('|') || line.StartsWith("| case", StringComparison.Ordinal) || line.StartsWith("|--", StringComparison.Ordinal))
        {
            return null;
        }

        return line.Split('|', StringSplitOptions.TrimEntries)[1].Trim('`');
    });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Strict_mode_agrees_with_the_suite_unless_the_case_is_a_listed_disagreement(string name)
    {
        var (input, shouldParse) = OpenMetricsSuite.Load(name);
        var error = OpenMetricsSuite.Parse(ExpositionParser.Create(ExpositionFormat.OpenMetricsText, ParserMode.Strict), input);
        var agrees = (error is null) == shouldParse;
        var listed = ListedDisagreements().Contains(name);
        Assert.True(
            agrees != listed,
            listed
                ? $"{name} is listed in {DisagreementsFile} but now agrees with the suite: remove it from the list"
                : $"{name}: expected shouldParse={shouldParse}, got {(error is null ? "accepted" : error.Message)}");
    }

    [Fact]
    public void Strict_mode_agrees_with_at_least_98_percent_of_the_suite()
    {
        var names = OpenMetricsSuite.CaseNames().ToList();
        var listed = ListedDisagreements();
        Assert.All(listed, name => Assert.Contains(name, names));
        var agreement = (double)(names.Count - listed.Count) / names.Count;
        Assert.True(agreement >= 0.98, $"agreement {agreement:P1} ({names.Count - listed.Count}/{names.Count})");
    }
}
