using Pharos.Testing;

namespace Pharos.Tool.Tests.CheckConfig;

/// <summary>
/// The configuration fixtures of <c>tests/Pharos.Config.Tests/Fixtures</c>. The top folder is the corpus compared
/// with Debian's promtool 2.42; <c>v3/</c> (Prometheus 3 features that 2.42 predates) and <c>kubernetes/</c>
/// (<c>kubernetes_sd_configs</c>, which Debian builds promtool without) are left out of that comparison by design and
/// checked against their own expected verdicts (<c>*.good.yml</c> valid, <c>*.bad.yml</c> invalid).
/// </summary>
internal static class ConfigCorpus
{
    public static string Directory => RepositoryPaths.InRepository("tests", "Pharos.Config.Tests", "Fixtures");

    public static IEnumerable<string> Differential => Relative(System.IO.Directory.GetFiles(Directory, "*.yml"));

    public static IEnumerable<string> All => Relative(System.IO.Directory.GetFiles(Directory, "*.yml", SearchOption.AllDirectories));

    public static bool ExpectedValid(string relative) => relative.EndsWith(".good.yml", StringComparison.Ordinal);

    private static IEnumerable<string> Relative(string[] files) =>
        files.Select(f => Path.GetRelativePath(Directory, f)).Order(StringComparer.Ordinal);
}
