using Xunit;

namespace Pharos.Hosting.Tests;

public sealed class BuildInfoTests
{
    [Fact]
    public void Version_text_names_program_version_revision_runtime_and_platform()
    {
        var text = BuildInfo.VersionText("pharos");
        Assert.StartsWith($"pharos, version {BuildInfo.Version} (revision: ", text, StringComparison.Ordinal);
        Assert.Contains(Environment.Version.ToString(), text, StringComparison.Ordinal);
        Assert.Matches(@"platform:\s+linux/(amd64|arm64)", text);
        Assert.DoesNotContain("unknown", BuildInfo.Revision, StringComparison.Ordinal);
    }
}
