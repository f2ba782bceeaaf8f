using System.Xml.Linq;
using Pharos.Testing;

namespace Pharos.Architecture.Tests;

/// <summary>Reads the project references of every project in the repository from its .csproj.</summary>
internal static class ProjectGraph
{
    /// <summary>Source projects (<c>src/</c>) and their direct project references, by project name.</summary>
    public static IReadOnlyDictionary<string, string[]> SourceProjects() => Read("src");

    /// <summary>Test projects (<c>tests/</c>) and their direct project references.</summary>
    public static IReadOnlyDictionary<string, string[]> TestProjects() => Read("tests");

    /// <summary>Package references of a source project, by package id.</summary>
    /// <param name="project">The project name.</param>
    /// <returns>Package ids.</returns>
    public static string[] PackageReferences(string project)
    {
        var path = RepositoryPaths.InRepository("src", project, project + ".csproj");
        return [.. XDocument.Load(path).Descendants("PackageReference").Select(e => (string?)e.Attribute("Include") ?? string.Empty)];
    }

    private static Dictionary<string, string[]> Read(string folder)
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var csproj in Directory.EnumerateFiles(RepositoryPaths.InRepository(folder), "*.csproj", SearchOption.AllDirectories))
        {
            var references = XDocument.Load(csproj)
                .Descendants("ProjectReference")
                .Select(e => Path.GetFileNameWithoutExtension((string?)e.Attribute("Include") ?? string.Empty))
                .ToArray();
            result[Path.GetFileNameWithoutExtension(csproj)] = references;
        }

        return result;
    }
}
