namespace Pharos.Scrape.Tests;

/// <summary>Per test: one local target (serving <c>a 1</c> until told otherwise) and a hand-driven harness.</summary>
public abstract class TargetFixture : IAsyncLifetime
{
    internal TestTarget Target { get; private set; } = null!;

    internal ScrapeHarness Harness { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Target = await TestTarget.StartAsync();
        Target.Serve("a 1\n");
        Harness = new ScrapeHarness();
    }

    public async Task DisposeAsync()
    {
        await Harness.DisposeAsync();
        await Target.DisposeAsync();
    }
}
