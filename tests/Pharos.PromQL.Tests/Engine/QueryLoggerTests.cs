using System.Text.Json;
using Pharos.Model;
using Pharos.PromQL.Engine;
using Pharos.Storage;
using Xunit;

namespace Pharos.PromQL.Tests.Engine;

/// <summary>The query log: one upstream-shaped JSON line per executed query.</summary>
public sealed class QueryLoggerTests : IDisposable
{
    private const string Special = "label_replace(x, \"q\", \"<&>'+\\\\ é\", \"job\", \"(.*)\")";

    private readonly string _dir = Directory.CreateTempSubdirectory("pharos-querylog-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static MemoryStorage Storage()
    {
        var storage = new MemoryStorage();
        storage.Load(Labels.FromStrings("__name__", "x", "job", "a"), (0, 1), (15_000, 2), (30_000, 3));
        return storage;
    }

    private static List<JsonElement> Lines(string path) =>
        File.ReadAllLines(path).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    [Fact]
    public void Each_query_is_logged_as_one_json_line_with_upstream_fields()
    {
        var path = Path.Combine(_dir, "query.log");
        using var engine = new PromQLEngine();
        using (var logger = new QueryLogger(path, new FixedClock(DateTimeOffset.Parse("2024-05-06T07:08:09.123Z", System.Globalization.CultureInfo.InvariantCulture))))
        {
            engine.SetQueryLogger(logger);
            engine.InstantQuery(Storage(), Special, 30_000);
            engine.RangeQuery(Storage(), "rate(x[1m])", 0, 60_000, 15_000);
            engine.SetQueryLogger(null);
            engine.InstantQuery(Storage(), "x", 30_000);
        }

        var lines = Lines(path);
        Assert.Equal(2, lines.Count);
        Assert.Equal(["params", "stats", "ts"], lines[1].EnumerateObject().Select(p => p.Name));
        var range = lines[1].GetProperty("params");
        Assert.Equal(["end", "query", "start", "step"], range.EnumerateObject().Select(p => p.Name));
        Assert.Equal("1970-01-01T00:01:00.000Z", range.GetProperty("end").GetString());
        Assert.Equal("1970-01-01T00:00:00.000Z", range.GetProperty("start").GetString());
        Assert.Equal("rate(x[1m])", range.GetProperty("query").GetString());
        Assert.Equal(15, range.GetProperty("step").GetInt64());
        Assert.Equal("2024-05-06T07:08:09.123Z", lines[1].GetProperty("ts").GetString());
        Assert.True(lines[1].GetProperty("stats").GetProperty("timings").GetProperty("execTotalTime").GetDouble() >= 0);
        Assert.True(lines[1].GetProperty("stats").GetProperty("samples").GetProperty("totalQueryableSamples").GetInt64() > 0);
        Assert.Equal(0, lines[0].GetProperty("params").GetProperty("step").GetInt64());
        Assert.Equal(Special, lines[0].GetProperty("params").GetProperty("query").GetString());
    }

    [Fact]
    public void Failed_query_is_logged_with_its_error_and_origin()
    {
        var path = Path.Combine(_dir, "query.log");
        using var engine = new PromQLEngine();
        using var logger = new QueryLogger(path);
        engine.SetQueryLogger(logger);
        var origin = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["httpRequest"] = new Dictionary<string, string> { ["clientIP"] = "127.0.0.1", ["method"] = "GET", ["path"] = "/api/v1/query" },
        };
        var result = engine.InstantQuery(Storage(), "label_replace(x, \"\", \"a\", \"job\", \"(.*)\")", 30_000, new QueryOptions { Origin = origin });
        Assert.NotNull(result.Error);

        var line = Assert.Single(Lines(path));
        Assert.Equal(["error", "httpRequest", "params", "stats", "ts"], line.EnumerateObject().Select(p => p.Name));
        Assert.Equal(result.Error.Message, line.GetProperty("error").GetString());
        Assert.Equal("/api/v1/query", line.GetProperty("httpRequest").GetProperty("path").GetString());
    }

    [Fact]
    public void Logger_appends_to_an_existing_file()
    {
        var path = Path.Combine(_dir, "query.log");
        File.WriteAllText(path, "{\"earlier\":1}\n");
        using var engine = new PromQLEngine();
        using (var logger = new QueryLogger(path))
        {
            engine.SetQueryLogger(logger);
            engine.InstantQuery(Storage(), "x", 30_000);
        }

        var lines = Lines(path);
        Assert.Equal(2, lines.Count);
        Assert.True(lines[0].TryGetProperty("earlier", out _));
        Assert.Equal("x", lines[1].GetProperty("params").GetProperty("query").GetString());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
