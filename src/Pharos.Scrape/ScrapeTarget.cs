using System.Buffers.Binary;
using System.Net;
using System.Text;
using Pharos.Model;

namespace Pharos.Scrape;

/// <summary>
/// One target of a pool: its labels, URL, interval and timeout (fixed at creation) and the outcome of its last
/// scrape (updated by its loop, read by the API under a lock), as upstream's <c>Target</c>.
/// </summary>
internal sealed class ScrapeTarget
{
    private readonly Lock _lock = new();
    private TargetHealth _health;
    private string _lastError = "";
    private DateTimeOffset _lastScrape = DateTimeOffset.MinValue;
    private TimeSpan _lastDuration;

    /// <summary>Creates a target from the labels <see cref="Pharos.Model.Relabel.TargetLabels.Populate"/> produced.</summary>
    /// <param name="pool">The pool (job) name.</param>
    /// <param name="discovered">The labels before relabeling.</param>
    /// <param name="labels">The labels after relabeling, reserved ones included.</param>
    /// <param name="configParams">The job's <c>params</c>.</param>
    public ScrapeTarget(string pool, Labels discovered, Labels labels, IReadOnlyList<KeyValuePair<string, List<string>>> configParams)
    {
        Pool = pool;
        DiscoveredLabels = discovered;
        AllLabels = labels;
        Labels = Pharos.Model.Relabel.TargetLabels.WithoutReserved(labels);
        Url = BuildUrl(labels, configParams);
        Interval = PrometheusDuration.Parse(labels.Get(LabelNames.ScrapeInterval));
        Timeout = PrometheusDuration.Parse(labels.Get(LabelNames.ScrapeTimeout));
        Hash = ComputeHash(labels, Url);
    }

    public string Pool { get; }

    public Labels DiscoveredLabels { get; }

    /// <summary>All labels after relabeling, <c>__address__</c> and other reserved labels included.</summary>
    public Labels AllLabels { get; }

    /// <summary>The labels the target's series carry.</summary>
    public Labels Labels { get; }

    public Uri Url { get; }

    public TimeSpan Interval { get; }

    public TimeSpan Timeout { get; }

    /// <summary>Identifies the target within its pool (labels and URL), as upstream's <c>Target.hash</c>.</summary>
    public ulong Hash { get; }

    /// <summary>The loop's cache, for the metadata APIs; set when the loop starts.</summary>
    public ScrapeCache? Cache { get; set; }

    /// <summary>
    /// When, relative to the start of an interval, this target is scraped: spread across the interval by the target's
    /// hash so targets of one pool do not all fire at once, and stable across restarts (upstream's <c>offset</c>).
    /// </summary>
    /// <param name="nowUnixNanoseconds">The current time.</param>
    /// <param name="seed">The per-process seed.</param>
    /// <returns>How long to wait before the first scrape.</returns>
    public TimeSpan Offset(long nowUnixNanoseconds, ulong seed)
    {
        var interval = Interval.Ticks * 100; // nanoseconds
        if (interval <= 0)
        {
            return TimeSpan.Zero;
        }

        var baseNs = interval - (nowUnixNanoseconds % interval);
        var offset = (long)((Hash ^ seed) % (ulong)interval);
        var next = baseNs + offset;
        if (next > interval)
        {
            next -= interval;
        }

        return TimeSpan.FromTicks(next / 100);
    }

    /// <summary>The URL with a loopback host replaced by <paramref name="hostname"/>, for links from other machines.</summary>
    public string GlobalUrl(string hostname)
    {
        var host = Url.Host;
        var loopback = host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        if (!loopback || hostname.Length == 0)
        {
            return Url.ToString();
        }

        var builder = new UriBuilder(Url) { Host = hostname };
        return builder.Uri.ToString();
    }

    public void Report(DateTimeOffset start, TimeSpan duration, string? error)
    {
        lock (_lock)
        {
            _health = error is null ? TargetHealth.Up : TargetHealth.Down;
            _lastError = error ?? "";
            _lastScrape = start;
            _lastDuration = duration;
        }
    }

    public ScrapeTargetState Snapshot(string hostname)
    {
        lock (_lock)
        {
            return new ScrapeTargetState(Pool, DiscoveredLabels, Labels, Url, GlobalUrl(hostname), _health, _lastError, _lastScrape, _lastDuration, Interval, Timeout);
        }
    }

    public TargetHealth Health
    {
        get
        {
            lock (_lock)
            {
                return _health;
            }
        }
    }

    public string LastError
    {
        get
        {
            lock (_lock)
            {
                return _lastError;
            }
        }
    }

    // As upstream's Target.URL: the job's params, overridden (first value) or extended by __param_* labels, encoded
    // sorted by key.
    private static Uri BuildUrl(Labels labels, IReadOnlyList<KeyValuePair<string, List<string>>> configParams)
    {
        var query = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, values) in configParams)
        {
            query[key] = [.. values];
        }

        foreach (var l in labels)
        {
            if (!l.Name.StartsWith(LabelNames.ParamPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var key = l.Name[LabelNames.ParamPrefix.Length..];
            if (query.TryGetValue(key, out var values) && values.Count > 0)
            {
                values[0] = l.Value;
            }
            else
            {
                query[key] = [l.Value];
            }
        }

        var sb = new StringBuilder();
        foreach (var (key, values) in query)
        {
            foreach (var value in values)
            {
                sb.Append(sb.Length == 0 ? "" : "&").Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        var path = labels.Get(LabelNames.MetricsPath);
        var text = $"{labels.Get(LabelNames.Scheme)}://{labels.Get(LabelNames.Address)}{(path.StartsWith('/') ? "" : "/")}{path}";
        if (sb.Length > 0)
        {
            text += "?" + sb;
        }

        return new Uri(text);
    }

    private static ulong ComputeHash(Labels labels, Uri url)
    {
        Span<byte> head = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(head, labels.Hash());
        var urlBytes = Encoding.UTF8.GetBytes(url.ToString());
        var buffer = new byte[8 + urlBytes.Length];
        head.CopyTo(buffer);
        urlBytes.CopyTo(buffer, 8);
        return XxHash64.Hash(buffer);
    }
}
