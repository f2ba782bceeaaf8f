using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Pharos.PushgatewayLoad;

/// <summary>
/// Scrapes <c>/metrics</c> once per interval until the deadline, as Prometheus would, and checks the body parses as
/// the text format: every sample line is <c>name{labels} value [timestamp]</c>, no family is declared twice. Counts
/// families, samples and groups (<c>push_time_seconds</c> series) of the last scrape.
/// </summary>
internal sealed class Scraper
{
    private readonly HttpClient _client;
    private readonly LoadOptions _options;
    private readonly ErrorCounts _errors;
    private readonly Uri _metricsUrl;

    public Scraper(HttpClient client, LoadOptions options, ErrorCounts errors)
    {
        _client = client;
        _options = options;
        _errors = errors;
        _metricsUrl = new Uri(options.BaseUrl, "metrics");
        Latencies = new LatencyLog((int)Math.Ceiling(options.Duration / options.ScrapeInterval) + 2);
    }

    public LatencyLog Latencies { get; }

    public int LastFamilies { get; private set; }

    public int LastSamples { get; private set; }

    public int LastGroups { get; private set; }

    public long LastBodyBytes { get; private set; }

    public async Task RunAsync(long deadlineTimestamp, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_options.ScrapeInterval);
        do
        {
            if (Stopwatch.GetTimestamp() >= deadlineTimestamp)
            {
                return;
            }

            var start = Stopwatch.GetTimestamp();
            try
            {
                using var response = await _client.GetAsync(_metricsUrl, CancellationToken.None);
                var body = await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                var elapsed = Stopwatch.GetElapsedTime(start);
                if (!response.IsSuccessStatusCode)
                {
                    _errors.Add($"scrape-http-{(int)response.StatusCode}", Encoding.UTF8.GetString(body));
                    continue;
                }

                Latencies.Record((long)elapsed.TotalMicroseconds);
                if (Check(body) is { } problem)
                {
                    _errors.Add("scrape-parse", problem);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                _errors.Add("scrape-" + ErrorCounts.Classify(e), e.Message);
            }
        }
        while (await WaitAsync(timer, stop));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Returns null when the body is well-formed, else a description of the first problem.</summary>
    private string? Check(byte[] body)
    {
        var families = new HashSet<string>(StringComparer.Ordinal);
        var samples = 0;
        var groups = 0;
        var lineNumber = 0;
        var rest = body.AsSpan();
        while (!rest.IsEmpty)
        {
            lineNumber++;
            var newline = rest.IndexOf((byte)'\n');
            var line = newline < 0 ? rest : rest[..newline];
            rest = newline < 0 ? [] : rest[(newline + 1)..];
            if (line.IsEmpty)
            {
                continue;
            }

            if (line.StartsWith("# TYPE "u8))
            {
                var name = line[7..];
                var space = name.IndexOf((byte)' ');
                if (space <= 0 || !families.Add(Encoding.UTF8.GetString(name[..space])))
                {
                    return $"line {lineNumber}: duplicate or malformed TYPE: {Encoding.UTF8.GetString(line)}";
                }

                continue;
            }

            if (line[0] == (byte)'#')
            {
                continue;
            }

            if (!IsSample(line))
            {
                return $"line {lineNumber}: not a sample: {Encoding.UTF8.GetString(line)}";
            }

            samples++;
            if (line.StartsWith("push_time_seconds{"u8))
            {
                groups++;
            }
        }

        LastFamilies = families.Count;
        LastSamples = samples;
        LastGroups = groups;
        LastBodyBytes = body.Length;
        return null;
    }

    private static bool IsSample(ReadOnlySpan<byte> line)
    {
        var i = 0;
        while (i < line.Length && (char.IsAsciiLetterOrDigit((char)line[i]) || line[i] is (byte)'_' or (byte)':'))
        {
            i++;
        }

        if (i == 0 || char.IsAsciiDigit((char)line[0]))
        {
            return false;
        }

        if (i < line.Length && line[i] == (byte)'{')
        {
            var inQuotes = false;
            for (i++; i < line.Length; i++)
            {
                var c = line[i];
                if (inQuotes && c == (byte)'\\')
                {
                    i++;
                }
                else if (c == (byte)'"')
                {
                    inQuotes = !inQuotes;
                }
                else if (!inQuotes && c == (byte)'}')
                {
                    break;
                }
            }

            if (i >= line.Length)
            {
                return false;
            }

            i++;
        }

        if (i >= line.Length || line[i] != (byte)' ')
        {
            return false;
        }

        var fields = line[(i + 1)..];
        var space = fields.IndexOf((byte)' ');
        var value = space < 0 ? fields : fields[..space];
        if (!IsValue(value))
        {
            return false;
        }

        return space < 0 || long.TryParse(fields[(space + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
    }

    private static bool IsValue(ReadOnlySpan<byte> value) =>
        value.SequenceEqual("+Inf"u8) || value.SequenceEqual("-Inf"u8) || value.SequenceEqual("NaN"u8)
        || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
