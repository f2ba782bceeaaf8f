using System.Buffers.Text;
using System.Text;

namespace Pharos.PushgatewayLoad;

/// <summary>
/// The text exposition one pusher sends: what a typical batch job pushes (run counters, a last-success timestamp,
/// progress gauges and a duration histogram), with values that change on every push. Owns one reusable buffer;
/// <see cref="Render"/> overwrites it, so the returned length is valid until the next call. Single-use per pusher,
/// not thread-safe.
/// </summary>
internal sealed class PushPayload
{
    // Bucket bounds of the duration histogram, as a client library's default-ish buckets.
    private static readonly double[] BucketBounds = [0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly byte[] _buffer = new byte[4096];
    private readonly long[] _bucketCounts = new long[BucketBounds.Length + 1];
    private readonly Random _random;
    private long _successes;
    private long _failures;
    private double _durationSum;
    private int _position;

    public PushPayload(int seed) => _random = new Random(seed);

    public byte[] Buffer => _buffer;

    /// <summary>Advances the simulated job by one run and renders the exposition; returns its length in bytes.</summary>
    public int Render(DateTimeOffset now)
    {
        var durationSeconds = _random.NextDouble() * _random.NextDouble() * 12;
        var failed = _random.Next(20) == 0;
        if (failed)
        {
            _failures++;
        }
        else
        {
            _successes++;
        }

        _durationSum += durationSeconds;
        var bucket = 0;
        while (bucket < BucketBounds.Length && durationSeconds > BucketBounds[bucket])
        {
            bucket++;
        }

        _bucketCounts[bucket]++;

        _position = 0;
        Append("# HELP load_job_runs_total Runs of the batch job by result.\n# TYPE load_job_runs_total counter\n"u8);
        Append("load_job_runs_total{result=\"success\"} "u8);
        Append(_successes);
        Append("\nload_job_runs_total{result=\"failure\"} "u8);
        Append(_failures);
        Append("\n# HELP load_job_last_success_timestamp_seconds Unix time of the last successful run.\n"u8);
        Append("# TYPE load_job_last_success_timestamp_seconds gauge\nload_job_last_success_timestamp_seconds "u8);
        Append(now.ToUnixTimeMilliseconds() / 1000.0);
        Append("\n# HELP load_job_records_processed Records handled by the last run, by stage.\n"u8);
        Append("# TYPE load_job_records_processed gauge\nload_job_records_processed{stage=\"extract\"} "u8);
        Append(_random.Next(100_000));
        Append("\nload_job_records_processed{stage=\"load\"} "u8);
        Append(_random.Next(100_000));
        Append("\n# HELP load_job_duration_seconds Duration of the batch job runs.\n"u8);
        Append("# TYPE load_job_duration_seconds histogram\n"u8);
        long cumulative = 0;
        for (var i = 0; i < BucketBounds.Length; i++)
        {
            cumulative += _bucketCounts[i];
            Append("load_job_duration_seconds_bucket{le=\""u8);
            Append(BucketBounds[i]);
            Append("\"} "u8);
            Append(cumulative);
            Append("\n"u8);
        }

        cumulative += _bucketCounts[^1];
        Append("load_job_duration_seconds_bucket{le=\"+Inf\"} "u8);
        Append(cumulative);
        Append("\nload_job_duration_seconds_sum "u8);
        Append(_durationSum);
        Append("\nload_job_duration_seconds_count "u8);
        Append(cumulative);
        Append("\n"u8);
        return _position;
    }

    /// <summary>The rendered bytes as text, for diagnostics.</summary>
    public override string ToString() => Encoding.UTF8.GetString(_buffer, 0, _position);

    private void Append(ReadOnlySpan<byte> literal)
    {
        literal.CopyTo(_buffer.AsSpan(_position));
        _position += literal.Length;
    }

    private void Append(long value)
    {
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_position), out var written);
        _position += written;
    }

    private void Append(double value)
    {
        value.TryFormat(_buffer.AsSpan(_position), out var written, "R", System.Globalization.CultureInfo.InvariantCulture);
        _position += written;
    }
}
