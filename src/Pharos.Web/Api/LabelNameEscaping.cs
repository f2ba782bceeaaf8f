using System.Globalization;
using System.Text;

namespace Pharos.Web.Api;

/// <summary>
/// Undoes upstream's <c>U__</c> value-encoding escape of label names in URL paths (<c>U__a_2e_b</c> is
/// <c>a.b</c>, <c>__</c> is <c>_</c>), so UTF-8 label names can travel in <c>/api/v1/label/&lt;name&gt;/values</c>.
/// </summary>
internal static class LabelNameEscaping
{
    public static string Unescape(string escaped)
    {
        var text = escaped.AsSpan(3);
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '_')
            {
                result.Append(text[i]);
                continue;
            }

            if (i + 1 < text.Length && text[i + 1] == '_')
            {
                result.Append('_');
                i++;
                continue;
            }

            var end = text[(i + 1)..].IndexOf('_');
            if (end <= 0 || !int.TryParse(text.Slice(i + 1, end), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) ||
                code > 0x10FFFF)
            {
                // Not a valid escape: upstream returns the input unchanged.
                return escaped;
            }

            result.Append(char.ConvertFromUtf32(code));
            i += end + 1;
        }

        return result.ToString();
    }
}
