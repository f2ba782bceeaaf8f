using Xunit;

namespace Pharos.Config.Tests;

public sealed class FixtureTests
{
    public static TheoryData<string> Fixtures => new(ConfigFixtures.All);

    [Fact]
    public void The_corpus_has_at_least_sixty_files_and_every_bad_one_has_a_sidecar()
    {
        var all = ConfigFixtures.All.ToList();
        Assert.True(all.Count >= 60, $"only {all.Count} fixtures");
        Assert.All(all.Where(f => f.EndsWith(".bad.yml", StringComparison.Ordinal)), f => Assert.NotNull(ConfigFixtures.ExpectedError(f)));
        Assert.Contains(all, f => f.EndsWith(".good.yml", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_loads_or_fails_with_the_expected_error(string relative)
    {
        var expected = ConfigFixtures.ExpectedError(relative);
        var path = Path.Combine(ConfigFixtures.Directory, relative);
        if (expected is null || expected.StartsWith("check: ", StringComparison.Ordinal))
        {
            var config = ConfigLoader.LoadFile(path);
            _ = ConfigLoader.GetScrapeConfigs(config);
            return;
        }

        var e = Assert.Throws<ConfigException>(() => ConfigLoader.GetScrapeConfigs(ConfigLoader.LoadFile(path)));
        Assert.Equal(expected, e.Describe());
        Assert.Equal(path, e.File);
    }
}
