namespace Pharos.Client.Quantiles;

/// <summary>
/// A biased streaming quantile estimator for a fixed set of targets (Cormode, Korn, Muthukrishnan, Srivastava:
/// "Effective Computation of Biased Quantiles over Data Streams", 2005), the algorithm behind client_golang's
/// summaries. It keeps a sorted list of samples, each with the width <c>g</c> (rank distance to the previous sample)
/// and the uncertainty <c>delta</c> of its rank; <see cref="Compress"/> merges neighbours while the invariant
/// <c>g + delta &lt;= f(r, n)</c> holds, so memory stays small while every target is answered within its epsilon.
/// Not thread-safe.
/// </summary>
internal sealed class TargetedQuantileStream
{
    private readonly QuantileEpsilonPair[] _targets;
    private readonly List<Sample> _samples = [];
    private long _count;

    public TargetedQuantileStream(QuantileEpsilonPair[] targets) => _targets = targets;

    public long Count => _count;

    public int SampleCount => _samples.Count;

    public void Reset()
    {
        _samples.Clear();
        _count = 0;
    }

    /// <summary>Merges a sorted batch of observations, then compresses.</summary>
    public void InsertSorted(ReadOnlySpan<double> sorted)
    {
        if (sorted.IsEmpty)
        {
            return;
        }

        var i = 0;
        double rank = 0;
        foreach (var value in sorted)
        {
            while (i < _samples.Count && _samples[i].Value <= value)
            {
                rank += _samples[i].Width;
                i++;
            }

            // A new sample at either end has an exactly known rank; inside, it inherits the allowed slack.
            var delta = i == 0 || i == _samples.Count ? 0 : Math.Floor(Invariant(rank, _count)) - 1;
            _samples.Insert(i, new Sample(value, 1, Math.Max(delta, 0)));
            _count++;
            rank += 1;
            i++;
        }

        Compress();
    }

    /// <summary>Returns the estimate for quantile <paramref name="q"/>, or NaN when the stream is empty.</summary>
    public double Query(double q)
    {
        if (_samples.Count == 0)
        {
            return double.NaN;
        }

        // The paper's bound, r + f(r, n) / 2. perks (client_golang) rounds f / 2 up, which for small streams
        // answers one rank too high (the median of 1, 2, 3 becomes 3); the unrounded bound stays within epsilon.
        var target = Math.Ceiling(q * _count);
        target += Invariant(target, _count) / 2;
        var previous = _samples[0];
        double rank = 0;
        for (var i = 1; i < _samples.Count; i++)
        {
            var current = _samples[i];
            rank += previous.Width;
            if (rank + current.Width + current.Delta > target)
            {
                return previous.Value;
            }

            previous = current;
        }

        return previous.Value;
    }

    /// <summary>The allowed error <c>f(r, n)</c> at rank <paramref name="rank"/>: the tightest of the targets' bounds.</summary>
    private double Invariant(double rank, long count)
    {
        var min = double.MaxValue;
        foreach (var (quantile, epsilon) in _targets)
        {
            var f = quantile * count <= rank
                ? 2 * epsilon * rank / quantile
                : 2 * epsilon * (count - rank) / (1 - quantile);
            if (f < min)
            {
                min = f;
            }
        }

        return min;
    }

    private void Compress()
    {
        if (_samples.Count < 2)
        {
            return;
        }

        var last = _samples.Count - 1;
        var keep = _samples[last];
        var keepIndex = last;
        var rank = _count - 1 - keep.Width;
        for (var i = last - 1; i >= 0; i--)
        {
            var current = _samples[i];
            if (current.Width + keep.Width + keep.Delta <= Invariant(rank, _count))
            {
                keep = keep with { Width = keep.Width + current.Width };
                _samples[keepIndex] = keep;
                _samples.RemoveAt(i);
                keepIndex--;
            }
            else
            {
                keep = current;
                keepIndex = i;
            }

            rank -= current.Width;
        }
    }

    private readonly record struct Sample(double Value, double Width, double Delta);
}
