namespace Pharos.PromQL.Functions;

/// <summary>
/// Upstream's average (<c>avg</c>, <c>avg_over_time</c>): a compensated sum divided at the end, switching to an
/// incremental mean only once the sum would overflow. The default value is the mean of nothing.
/// </summary>
internal struct RunningMean
{
    private double _count;
    private double _sum;
    private double _compensation;
    private double _mean;
    private bool _incremental;

    /// <summary>Adds the next value.</summary>
    public void Add(double v)
    {
        _count++;
        if (!_incremental)
        {
            var c = _compensation;
            var sum = KahanSum.Inc(v, _sum, ref c);
            if (_count == 1 || !double.IsInfinity(sum))
            {
                _sum = sum;
                _compensation = c;
                return;
            }

            _incremental = true;
            _mean = _sum / (_count - 1);
            _compensation /= _count - 1;
        }

        var q = (_count - 1) / _count;
        var qc = q * _compensation;
        _mean = KahanSum.Inc(v / _count, q * _mean, ref qc);
        _compensation = qc;
    }

    /// <summary>The mean of the values added so far (NaN for none).</summary>
    public readonly double Value => _incremental ? _mean + _compensation : (_sum / _count) + (_compensation / _count);
}
