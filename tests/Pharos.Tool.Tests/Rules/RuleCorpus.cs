using Pharos.Testing;

namespace Pharos.Tool.Tests.Rules;

/// <summary>
/// The rule corpora under <c>tests/rules</c>: <c>check/valid</c> and <c>check/invalid</c> rule files for
/// <c>check rules</c>, and <c>unit</c> promtool unit-test files for <c>test rules</c>, where a file whose name starts
/// with <c>fail_</c> is expected to fail (its expectations are wrong on purpose).
/// </summary>
internal static class RuleCorpus
{
    public static string Directory => RepositoryPaths.InRepository("tests", "rules");

    public static string UnitDirectory => Path.Combine(Directory, "unit");

    public static IEnumerable<string> CheckFiles() =>
        System.IO.Directory.GetFiles(Path.Combine(Directory, "check"), "*.yml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Directory, f))
            .Order(StringComparer.Ordinal);

    public static IEnumerable<string> UnitTestFiles() =>
        System.IO.Directory.GetFiles(UnitDirectory, "*.test.yml")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    public static bool ExpectedValid(string relative) => relative.Contains("/valid/", StringComparison.Ordinal);

    public static bool ExpectedPass(string testFile) => !testFile.StartsWith("fail_", StringComparison.Ordinal);
}
