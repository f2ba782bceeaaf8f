namespace Pharos.PushgatewayLoad;

/// <summary>
/// Fixed-size record of one pusher's push latencies in microseconds. Capacity is computed from the run length and the
/// think time (a pusher cannot push more often than once per think time), so recording never allocates.
/// Single writer, read only after the writer has finished.
/// </summary>
internal sealed class LatencyLog
{
    private readonly long[] _micros;

    public LatencyLog(int capacity) => _micros = new long[capacity];

    public int Count { get; private set; }

    /// <summary>Pushes that did not fit (should stay 0; reported so a wrong capacity cannot hide samples).</summary>
    public long Dropped { get; private set; }

    public ReadOnlySpan<long> Micros => _micros.AsSpan(0, Count);

    public void Record(long micros)
    {
        if (Count < _micros.Length)
        {
            _micros[Count++] = micros;
        }
        else
        {
            Dropped++;
        }
    }
}
