namespace Pharos.Testing;

/// <summary>Locates the repository root and the shared folder beside it, from wherever a test runs.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root: the folder holding <c>Pharos.slnx</c>.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The shared folder next to the repository (test data from real projects, anchors).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>A folder below <c>../shared/testdata</c>.</summary>
    /// <param name="parts">Path segments below testdata.</param>
    /// <returns>The absolute path.</returns>
    public static string SharedTestData(params string[] parts) =>
        Path.Combine([Shared, "testdata", .. parts]);

    /// <summary>A path below the repository root.</summary>
    /// <param name="parts">Path segments below the root.</param>
    /// <returns>The absolute path.</returns>
    public static string InRepository(params string[] parts) => Path.Combine([Root, .. parts]);

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
