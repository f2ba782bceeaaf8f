using System.Runtime.InteropServices;

namespace Pharos.Testing.Peers;

/// <summary>
/// Finds the <c>dotnet</c> executable that runs the current test, so a peer built from this repository
/// (<c>dotnet App.dll</c>) runs on the same runtime whether tests start from the CLI, an IDE or CI.
/// </summary>
public static class DotnetHost
{
    private static readonly Lazy<string> LazyPath = new(Find);

    /// <summary>The absolute path of <c>dotnet</c>, or the bare name when only PATH can tell.</summary>
    public static string Path => LazyPath.Value;

    /// <summary>Starts <c>dotnet <paramref name="assemblyPath"/> args…</c> as a <see cref="PeerProcess"/>.</summary>
    /// <param name="assemblyPath">The framework-dependent app's main assembly.</param>
    /// <param name="arguments">Arguments after the assembly.</param>
    /// <param name="environment">Extra environment variables; a null value removes the variable.</param>
    /// <param name="name">A name for messages; defaults to the assembly's file name.</param>
    /// <returns>The running peer.</returns>
    public static PeerProcess Start(
        string assemblyPath,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? name = null)
    {
        ArgumentNullException.ThrowIfNull(assemblyPath);
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException(
                $"{assemblyPath} does not exist; build the solution (dotnet build Pharos.slnx) first.", assemblyPath);
        }

        return PeerProcess.Start(
            Path,
            [assemblyPath, .. arguments],
            environment,
            name ?? System.IO.Path.GetFileNameWithoutExtension(assemblyPath));
    }

    private static string Find()
    {
        var executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";

        // Set by the dotnet CLI for the processes it starts (MSBuild nodes, test hosts).
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        // A test host started as `dotnet testhost.dll` is itself the muxer.
        if (Environment.ProcessPath is { } processPath &&
            System.IO.Path.GetFileName(processPath).Equals(executable, StringComparison.OrdinalIgnoreCase))
        {
            return processPath;
        }

        // The runtime lives in <root>/shared/Microsoft.NETCore.App/<version>/, the muxer in <root>.
        var root = System.IO.Path.GetFullPath(System.IO.Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var candidate = System.IO.Path.Combine(root, executable);
        return File.Exists(candidate) ? candidate : executable;
    }
}
