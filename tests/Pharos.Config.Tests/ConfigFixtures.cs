using Pharos.Testing;

namespace Pharos.Config.Tests;

/// <summary>
/// The configuration corpus under <c>Fixtures/</c>, in the style of Prometheus's <c>config/testdata</c>:
/// <c>*.good.yml</c> must load; <c>*.bad.yml</c> must fail with the exact error in the sidecar <c>*.bad.err</c>
/// (location and field, then upstream's wording). A sidecar starting with <c>check: </c> names a file whose syntax
/// is valid but which <c>check config</c> rejects when it checks referenced files (a missing rule file).
/// <para>
/// The top folder is the corpus compared with Debian's promtool 2.42. Two sub-folders are kept out of that
/// comparison by design, each with its own expected verdicts: <c>v3/</c> holds Prometheus 3 features and semantics
/// that 2.42 predates (scrape protocols, UTF-8 label names, scrape_config_files, NS records, api_version v1 removal),
/// and <c>kubernetes/</c> holds <c>kubernetes_sd_configs</c>, which Debian builds promtool without.
/// </para>
/// </summary>
public static class ConfigFixtures
{
    /// <summary>The fixture folder.</summary>
    public static string Directory => RepositoryPaths.InRepository("tests", "Pharos.Config.Tests", "Fixtures");

    /// <summary>Fixtures compared with promtool 2.42 (relative paths).</summary>
    public static IEnumerable<string> DifferentialCorpus => List(System.IO.Directory.GetFiles(Directory, "*.yml"));

    /// <summary>Every fixture, including the Prometheus 3 and Kubernetes folders (relative paths).</summary>
    public static IEnumerable<string> All => List(System.IO.Directory.GetFiles(Directory, "*.yml", SearchOption.AllDirectories));

    /// <summary>The expected error of a bad fixture, or null for a good one.</summary>
    /// <param name="relative">The fixture path relative to <see cref="Directory"/>.</param>
    /// <returns>The sidecar's text without its trailing newline.</returns>
    public static string? ExpectedError(string relative)
    {
        if (relative.EndsWith(".good.yml", StringComparison.Ordinal))
        {
            return null;
        }

        var sidecar = Path.Combine(Directory, relative[..^".yml".Length] + ".err");
        return File.ReadAllText(sidecar).TrimEnd('\n');
    }

    private static IEnumerable<string> List(string[] files) =>
        files.Select(f => Path.GetRelativePath(Directory, f)).Order(StringComparer.Ordinal);
}
