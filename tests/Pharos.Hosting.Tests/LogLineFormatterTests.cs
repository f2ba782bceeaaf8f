using System.Text.Json;
using Microsoft.Extensions.Logging;
using Pharos.Hosting.Logging;
using Xunit;

namespace Pharos.Hosting.Tests;

public sealed class LogLineFormatterTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 21, 8, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void Logfmt_lines_carry_time_level_component_message_and_fields()
    {
        var line = LogLineFormatter.Format(LogFormat.Logfmt, Time, LogLevel.Information, "wal", "Replaying WAL",
            [new("segment", 3), new("path", "/data/wal dir")], null);
        Assert.Equal("time=2026-11-21T08:00:00.123Z level=info component=wal msg=\"Replaying WAL\" segment=3 path=\"/data/wal dir\"", line);
    }

    [Fact]
    public void Json_lines_are_one_object_with_the_same_keys()
    {
        var line = LogLineFormatter.Format(LogFormat.Json, Time, LogLevel.Warning, "scrape", "Scrape failed",
            [new("target", "http://a:9100/metrics")], new InvalidOperationException("connection refused"));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("warn", root.GetProperty("level").GetString());
        Assert.Equal("scrape", root.GetProperty("component").GetString());
        Assert.Equal("Scrape failed", root.GetProperty("msg").GetString());
        Assert.Equal("http://a:9100/metrics", root.GetProperty("target").GetString());
        Assert.Equal("connection refused", root.GetProperty("err").GetString());
    }

    [Fact]
    public void The_logger_factory_drops_events_below_the_chosen_level()
    {
        var writer = new StringWriter();
        using (var factory = LogFlags.CreateLoggerFactory("warn", "logfmt", writer))
        {
            var logger = factory.CreateLogger("test");
            logger.LogInformation("hidden");
            logger.LogError("shown {Count}", 2);
        }

        var text = writer.ToString();
        Assert.DoesNotContain("hidden", text, StringComparison.Ordinal);
        Assert.Contains("msg=\"shown 2\" Count=2", text, StringComparison.Ordinal);
    }
}
