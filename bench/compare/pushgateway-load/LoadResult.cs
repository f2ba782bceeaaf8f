using System.Globalization;
using System.Text;

namespace Pharos.PushgatewayLoad;

/// <summary>
/// The figures of one run as ordered <c>key=value</c> lines: written by a run, read back by <c>table</c> to print
/// several runs side by side.
/// </summary>
internal sealed class LoadResult
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    public string this[string key] =>
        _fields.FirstOrDefault(f => f.Key == key).Value ?? "-";

    public void Add(string key, string value) => _fields.Add(new(key, value.Replace('\n', ' ')));

    public void Add(string key, double value, string format = "0.##") =>
        Add(key, value.ToString(format, CultureInfo.InvariantCulture));

    /// <summary>Nearest-rank percentile of sorted microsecond latencies, in milliseconds; NaN when empty.</summary>
    public static double PercentileMs(ReadOnlySpan<long> sortedMicros, double quantile)
    {
        if (sortedMicros.IsEmpty)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(quantile * sortedMicros.Length);
        return sortedMicros[Math.Clamp(rank - 1, 0, sortedMicros.Length - 1)] / 1000.0;
    }

    public void WriteTo(string path)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in _fields)
        {
            text.Append(key).Append('=').Append(value).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }

    public static LoadResult ReadFrom(string path)
    {
        var result = new LoadResult();
        foreach (var line in File.ReadLines(path))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                result.Add(line[..eq], line[(eq + 1)..]);
            }
        }

        return result;
    }
}
