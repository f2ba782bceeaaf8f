using System.Text;

namespace Pharos.Client;

/// <summary>
/// The label names of a family and the values of one child. Immutable; the text encoders cache the escaped
/// <c>name="value",…</c> bytes here so a steady-state scrape does not re-escape label values.
/// </summary>
internal sealed class LabelSet
{
    public static readonly LabelSet Empty = new([], []);

    private byte[]? _textBytes;

    public LabelSet(string[] names, string[] values)
    {
        Names = names;
        Values = values;
    }

    public string[] Names { get; }

    public string[] Values { get; }

    public int Count => Names.Length;

    /// <summary>The labels as <c>a="x",b="y"</c> in UTF-8, escaped for both text formats (which escape label values alike).</summary>
    public byte[] TextBytes => _textBytes ??= EncodeText();

    private byte[] EncodeText()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < Names.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(Names[i]).Append("=\"");
            AppendEscapedLabelValue(sb, Values[i]);
            sb.Append('"');
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static void AppendEscapedLabelValue(StringBuilder sb, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append(@"\n"); break;
                default: sb.Append(c); break;
            }
        }
    }
}
