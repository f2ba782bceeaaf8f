namespace Pharos.Web;

/// <summary>What <c>/api/v1/status/buildinfo</c> returns.</summary>
/// <param name="Version">The version.</param>
/// <param name="Revision">The git commit.</param>
/// <param name="Branch">The git branch.</param>
/// <param name="BuildUser">Who built it.</param>
/// <param name="BuildDate">When it was built.</param>
/// <param name="GoVersion">The runtime (upstream's field name; Pharos reports the .NET version).</param>
public sealed record BuildInfoValues(string Version, string Revision, string Branch, string BuildUser, string BuildDate, string GoVersion);
