using System.Globalization;
using System.Net;

namespace Pharos.PushgatewayLoad;

/// <summary>Command-line settings of one load run; parsed once, immutable afterwards.</summary>
internal sealed record LoadOptions
{
    public required Uri BaseUrl { get; init; }

    /// <summary>Process id of the server under test, for RSS and CPU sampling; 0 skips sampling.</summary>
    public int ServerPid { get; init; }

    public int Pushers { get; init; } = 200;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan ThinkTime { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan ScrapeInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Per-request timeout; a push slower than this counts as a <c>timeout</c> error.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for <c>/-/ready</c> before giving up.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public string Name { get; init; } = "server";

    public string? OutputPath { get; init; }

    public int Seed { get; init; } = 42;

    public static LoadOptions Parse(ReadOnlySpan<string> args)
    {
        Uri? url = null;
        var options = new LoadOptions { BaseUrl = new Uri("http://127.0.0.1:9091/") };
        foreach (var arg in args)
        {
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (!arg.StartsWith("--", StringComparison.Ordinal) || eq < 0)
            {
                throw new ArgumentException($"expected --name=value, got '{arg}'");
            }

            var key = arg[2..eq];
            var value = arg[(eq + 1)..];
            options = key switch
            {
                "url" => options with { BaseUrl = url = new Uri(value.EndsWith('/') ? value : value + "/") },
                "pid" => options with { ServerPid = int.Parse(value, CultureInfo.InvariantCulture) },
                "pushers" => options with { Pushers = int.Parse(value, CultureInfo.InvariantCulture) },
                "duration" => options with { Duration = ParseDuration(value) },
                "think" => options with { ThinkTime = ParseDuration(value) },
                "scrape-interval" => options with { ScrapeInterval = ParseDuration(value) },
                "timeout" => options with { RequestTimeout = ParseDuration(value) },
                "ready-timeout" => options with { ReadyTimeout = ParseDuration(value) },
                "name" => options with { Name = value },
                "out" => options with { OutputPath = value },
                "seed" => options with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown flag --{key}"),
            };
        }

        if (url is null)
        {
            throw new ArgumentException("--url is required");
        }

        // The tool must never load anything but a local server.
        if (!IPAddress.TryParse(url.Host, out var address) || !IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"--url must be a loopback IP address, got '{url.Host}'");
        }

        if (options.Pushers is < 1 or > 10_000)
        {
            throw new ArgumentException("--pushers must be between 1 and 10000");
        }

        if (options.Duration <= TimeSpan.Zero || options.Duration > TimeSpan.FromHours(1))
        {
            throw new ArgumentException("--duration must be positive and at most 1h");
        }

        if (options.ThinkTime < TimeSpan.FromMilliseconds(1))
        {
            throw new ArgumentException("--think must be at least 1ms (it bounds the number of recorded pushes)");
        }

        return options;
    }

    /// <summary>Parses Prometheus-style durations: <c>120s</c>, <c>2m</c>, <c>100ms</c>.</summary>
    public static TimeSpan ParseDuration(string value)
    {
        static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

        if (value.EndsWith("ms", StringComparison.Ordinal))
        {
            return TimeSpan.FromMilliseconds(Number(value[..^2]));
        }

        return value[^1] switch
        {
            's' => TimeSpan.FromSeconds(Number(value[..^1])),
            'm' => TimeSpan.FromMinutes(Number(value[..^1])),
            'h' => TimeSpan.FromHours(Number(value[..^1])),
            _ => throw new ArgumentException($"duration '{value}' needs a unit (ms, s, m, h)"),
        };
    }
}
