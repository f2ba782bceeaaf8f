using System.Text.Json;
using Pharos.Testing;

namespace Pharos.Exposition.Tests.Parsing;

/// <summary>Reads the shared OpenMetrics conformance cases (never copied into the repository).</summary>
internal static class OpenMetricsSuite
{
    public static string Root => RepositoryPaths.SharedTestData("openmetrics");

    public static IEnumerable<string> CaseNames() =>
        Directory.EnumerateDirectories(Root)
            .Where(d => File.Exists(Path.Combine(d, "test.json")))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    public static (byte[] Input, bool ShouldParse) Load(string name)
    {
        var dir = Path.Combine(Root, name);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "test.json")));
        var file = json.RootElement.GetProperty("file").GetString() ?? "metrics";
        return (File.ReadAllBytes(Path.Combine(dir, file)), json.RootElement.GetProperty("shouldParse").GetBoolean());
    }

    /// <summary>Parses the whole input; returns null on success or the parse error.</summary>
    public static ExpositionParseException? Parse(ExpositionParser parser, byte[] input)
    {
        parser.Reset(input);
        try
        {
            while (parser.Next() != ExpositionEntry.EndOfInput)
            {
            }

            return null;
        }
        catch (ExpositionParseException e)
        {
            return e;
        }
    }

    /// <summary>Case names listed in a checked-in file: the first token of each non-blank line not starting with '#' or '|'.</summary>
    public static SortedSet<string> ReadList(string fileName, Func<string, string?> select)
    {
        var path = RepositoryPaths.InRepository("tests", "Pharos.Exposition.Tests", "Parsing", fileName);
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path))
        {
            var name = select(line.Trim());
            if (!string.IsNullOrEmpty(name))
            {
                set.Add(name);
            }
        }

        return set;
    }
}
