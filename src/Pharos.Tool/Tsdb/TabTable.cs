using System.Text;

namespace Pharos.Tool.Tsdb;

/// <summary>
/// Aligns rows as Go's <c>text/tabwriter</c> does with promtool's settings (minimum width 13, padding 2, spaces):
/// every cell but a row's last is padded to its column's width; the last cell is printed as it is.
/// </summary>
internal sealed class TabTable
{
    private const int MinWidth = 13;
    private const int Padding = 2;
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public void WriteTo(TextWriter output)
    {
        var columns = _rows.Count == 0 ? 0 : _rows.Max(r => r.Length);
        var widths = new int[columns];
        foreach (var row in _rows)
        {
            for (var i = 0; i < row.Length - 1; i++)
            {
                widths[i] = Math.Max(widths[i], Math.Max(MinWidth, Width(row[i]) + Padding));
            }
        }

        foreach (var row in _rows)
        {
            var line = new StringBuilder();
            for (var i = 0; i < row.Length; i++)
            {
                line.Append(row[i]);
                if (i < row.Length - 1)
                {
                    line.Append(' ', widths[i] - Width(row[i]));
                }
            }

            output.WriteLine(line.ToString());
        }

        _rows.Clear();
    }

    /// <summary>The width tabwriter counts: UTF-8 runes.</summary>
    private static int Width(string text) => text.EnumerateRunes().Count();
}
