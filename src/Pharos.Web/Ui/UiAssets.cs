using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.StaticFiles;

namespace Pharos.Web.Ui;

/// <summary>
/// The web UI's built files (<c>web/dist</c>), embedded in this assembly under the <c>PharosUi/</c> resource prefix by
/// <c>build/Pharos.Web.Ui.targets</c>. Loaded once; each file keeps its bytes and, when compression pays, a gzip copy,
/// so serving a request copies bytes and never compresses. Immutable and thread-safe.
/// </summary>
internal sealed class UiAssets
{
    /// <summary>The resource-name prefix the build gives every UI file.</summary>
    public const string ResourcePrefix = "PharosUi/";

    private static readonly Lazy<UiAssets> LazyEmbedded = new(() => Load(typeof(UiAssets).Assembly));

    private readonly FrozenDictionary<string, UiAsset> _files;

    private UiAssets(FrozenDictionary<string, UiAsset> files) => _files = files;

    /// <summary>The files embedded in Pharos.Web.</summary>
    public static UiAssets Embedded => LazyEmbedded.Value;

    /// <summary>Whether the UI was built into this assembly (a build with the web step skipped has no files).</summary>
    public bool IsEmpty => _files.Count == 0;

    /// <summary>The number of files.</summary>
    public int Count => _files.Count;

    /// <summary>Looks up a file by its path inside <c>dist</c>, e.g. <c>index.html</c> or <c>assets/index-abc.js</c>.</summary>
    /// <param name="path">The relative path with forward slashes.</param>
    /// <param name="asset">The file when found.</param>
    /// <returns>Whether the file exists.</returns>
    public bool TryGet(string path, out UiAsset asset) => _files.TryGetValue(path, out asset!);

    /// <summary>Reads every <see cref="ResourcePrefix"/> resource of <paramref name="assembly"/>.</summary>
    /// <param name="assembly">The assembly holding the resources.</param>
    /// <returns>The assets.</returns>
    public static UiAssets Load(Assembly assembly)
    {
        var types = new FileExtensionContentTypeProvider();
        var files = new Dictionary<string, UiAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var path = name[ResourcePrefix.Length..].Replace('\\', '/');
            if (!types.TryGetContentType(path, out var contentType))
            {
                contentType = "application/octet-stream";
            }

            if (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.EndsWith("javascript", StringComparison.Ordinal))
            {
                contentType += "; charset=utf-8";
            }

            files[path] = new UiAsset(buffer.ToArray(), contentType);
        }

        return new UiAssets(files.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
