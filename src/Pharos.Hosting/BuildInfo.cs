using System.Reflection;
using System.Runtime.InteropServices;

namespace Pharos.Hosting;

/// <summary>Version, git revision and runtime of the running binary, as printed by <c>--version</c>.</summary>
public static class BuildInfo
{
    /// <summary>The product version, e.g. <c>0.1.0</c>.</summary>
    public static string Version { get; } = ReadVersion().Version;

    /// <summary>The git commit the binary was built from, or <c>unknown</c>.</summary>
    public static string Revision { get; } = ReadVersion().Revision;

    /// <summary>The .NET runtime version, e.g. <c>10.0.1</c>.</summary>
    public static string RuntimeVersion => Environment.Version.ToString();

    /// <summary>The platform as upstream prints it, e.g. <c>linux/amd64</c>.</summary>
    public static string Platform
    {
        get
        {
            var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : "unknown";
            var arch = RuntimeInformation.OSArchitecture switch
            {
                Architecture.X64 => "amd64",
                Architecture.Arm64 => "arm64",
                Architecture.X86 => "386",
                Architecture.Arm => "arm",
                var other => other.ToString().ToLowerInvariant(),
            };
            return $"{os}/{arch}";
        }
    }

    /// <summary>The multi-line version text printed by <c>pharos version</c> and every component's <c>--version</c>.</summary>
    /// <param name="program">The program name, e.g. <c>pharos</c> or <c>prometheus</c>.</param>
    /// <returns>The text, ending with a newline.</returns>
    public static string VersionText(string program) =>
        $"""
        {program}, version {Version} (revision: {Revision})
          .NET runtime:     {RuntimeVersion}
          platform:         {Platform}

        """;

    private static (string Version, string Revision) ReadVersion()
    {
        // The SDK stores "version+revision" in the informational version when SourceRevisionId is set.
        var informational = typeof(BuildInfo).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? (informational, "unknown") : (informational[..plus], informational[(plus + 1)..]);
    }
}
