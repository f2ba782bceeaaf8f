using System.Text;

namespace Pharos.Templating.Functions;

/// <summary>Title-casing as Go's <c>cases.Title</c> does it for the common cases.</summary>
internal static class TextCase
{
    public static string Title(string s, bool lowerRest)
    {
        var sb = new StringBuilder(s.Length);
        var atWordStart = true;
        foreach (var c in s)
        {
            var inWord = char.IsLetterOrDigit(c) || c is '_' or '\'';
            if (!inWord)
            {
                sb.Append(c);
                atWordStart = true;
                continue;
            }

            sb.Append(atWordStart ? char.ToUpperInvariant(c) : lowerRest ? char.ToLowerInvariant(c) : c);
            atWordStart = false;
        }

        return sb.ToString();
    }
}
