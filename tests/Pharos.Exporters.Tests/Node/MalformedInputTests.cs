using Microsoft.Extensions.Logging;
using Pharos.Client;
using Pharos.Exporters.Node;

namespace Pharos.Exporters.Tests.Node;

/// <summary>Malformed proc files under <c>Fixtures/bad</c> fail only their collector, and are logged once.</summary>
public sealed class MalformedInputTests
{
    [Theory]
    [InlineData("meminfo")]
    [InlineData("loadavg")]
    [InlineData("netstat")]
    [InlineData("cpu")]
    public void Malformed_file_sets_only_that_collectors_success_to_zero(string broken)
    {
        var bad = new NodeCollectorOptions { Paths = NodeScrape.FixturePaths("bad") };
        var text = NodeScrape.Text(NodeScrape.Create(broken, bad), NodeScrape.Create("filefd"));
        Assert.Contains($"node_scrape_collector_success{{collector=\"{broken}\"}} 0", text, StringComparison.Ordinal);
        Assert.Contains("node_scrape_collector_success{collector=\"filefd\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("node_filefd_allocated 1024", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_collector_is_logged_once_not_on_every_scrape()
    {
        var logger = new CountingLogger();
        var registry = new MetricRegistry();
        var bad = new NodeCollectorOptions { Paths = NodeScrape.FixturePaths("bad") };
        registry.Register(new NodeScraper([NodeScrape.Create("loadavg", bad)], logger));
        for (var i = 0; i < 3; i++)
        {
            registry.ToArray();
        }

        Assert.Equal(1, logger.Errors);
    }

    private sealed class CountingLogger : ILogger
    {
        public int Errors { get; private set; }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Error)
            {
                Errors++;
            }
        }
    }
}
