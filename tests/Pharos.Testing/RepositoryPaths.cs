namespace Pharos.Testing;

/// <summary>Locates the repository root and the shared folder beside it, from wherever a test runs.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);
    private static readonly Lazy<string> LazyShared = new(FindShared);

    /// <summary>The repository root: the folder holding <c>Pharos.slnx</c>.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>
    /// The shared folder next to the repository (test data from real projects, anchors): <c>PHAROS_SHARED</c> when
    /// set, else <c>../shared</c>, else, for a clone of a local checkout, the <c>shared</c> folder beside that checkout.
    /// </summary>
    public static string Shared => LazyShared.Value;

    /// <summary>A folder below <c>../shared/testdata</c>.</summary>
    /// <param name="parts">Path segments below testdata.</param>
    /// <returns>The absolute path.</returns>
    public static string SharedTestData(params string[] parts) =>
        Path.Combine([Shared, "testdata", .. parts]);

    /// <summary>A path below the repository root.</summary>
    /// <param name="parts">Path segments below the root.</param>
    /// <returns>The absolute path.</returns>
    public static string InRepository(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindShared()
    {
        if (Environment.GetEnvironmentVariable("PHAROS_SHARED") is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        var beside = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
        if (Directory.Exists(beside) || OriginCheckout() is not { } origin)
        {
            return beside;
        }

        var besideOrigin = Path.GetFullPath(Path.Combine(origin, "..", "shared"));
        return Directory.Exists(besideOrigin) ? besideOrigin : beside;
    }

    // A throwaway clone (`git clone . /tmp/x/p`) has no shared folder beside it; its origin, a local path, does.
    private static string? OriginCheckout()
    {
        var config = Path.Combine(Root, ".git", "config");
        if (!File.Exists(config))
        {
            return null;
        }

        var inOrigin = false;
        foreach (var raw in File.ReadLines(config))
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                inOrigin = line == "[remote \"origin\"]";
            }
            else if (inOrigin && line.StartsWith("url", StringComparison.Ordinal) && line.IndexOf('=', StringComparison.Ordinal) is var eq and > 0)
            {
                var url = line[(eq + 1)..].Trim();
                return Path.IsPathRooted(url) && Directory.Exists(url) ? url : null;
            }
        }

        return null;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pharos.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Pharos.slnx above {AppContext.BaseDirectory}.");
    }
}
