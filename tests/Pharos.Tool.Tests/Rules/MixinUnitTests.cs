using Pharos.Testing;
using Pharos.Tool.Rules;
using Xunit;

namespace Pharos.Tool.Tests.Rules;

/// <summary>
/// The kubernetes-mixin's own promtool unit tests (shared test data) pass with our rule evaluation. They are written
/// for Prometheus 3 (left-open range windows), so they are a conformance suite for the 3.x semantics we target.
/// </summary>
public sealed class MixinUnitTests
{
    public static TheoryData<string> Files => new(
        Directory.GetFiles(RepositoryPaths.SharedTestData("rules", "kubernetes-mixin", "tests"), "*.yaml")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Kubernetes_mixin_unit_tests_pass(string file)
    {
        var output = new StringWriter();
        var status = await TestRulesCommand.RunAsync([RepositoryPaths.SharedTestData("rules", "kubernetes-mixin", "tests", file)], output, output);

        Assert.True(status == 0, output.ToString());
    }
}
