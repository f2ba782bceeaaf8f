using Pharos.Model;

namespace Pharos.Exposition.Writers;

/// <summary>The name and label syntax shared by the Prometheus text and OpenMetrics writers.</summary>
internal static class TextSampleSyntax
{
    /// <summary>Whether <paramref name="name"/> matches <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c> and can go unquoted.</summary>
    /// <param name="name">The metric or label name.</param>
    /// <returns>True for a legacy-valid name.</returns>
    public static bool IsLegacyName(ReadOnlySpan<char> name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or ':' || (i > 0 && c is >= '0' and <= '9');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes a name, quoting and escaping it when it is not legacy-valid (UTF-8 names).</summary>
    public static void WriteName(ref ByteSink sink, ReadOnlySpan<char> name)
    {
        if (IsLegacyName(name))
        {
            sink.WriteUtf8(name);
            return;
        }

        sink.WriteByte((byte)'"');
        sink.WriteEscaped(name, escapeQuote: true);
        sink.WriteByte((byte)'"');
    }

    /// <summary>
    /// Writes <c>name suffix {labels, extra="…"}</c>. A name that is not legacy-valid goes quoted inside the braces as
    /// upstream writes UTF-8 names. <c>__name__</c> in <paramref name="labels"/> is skipped. The extra label (le or
    /// quantile) is written last with its number formatted per format.
    /// </summary>
    public static void WriteNameAndLabels(
        ref ByteSink sink,
        ReadOnlySpan<char> name,
        ReadOnlySpan<byte> suffix,
        in Labels labels,
        ReadOnlySpan<byte> extraName,
        double extraValue,
        bool openMetrics)
    {
        var separator = (byte)'{';
        var inside = false;
        if (name.Length > 0)
        {
            if (IsLegacyName(name))
            {
                sink.WriteUtf8(name);
                sink.Write(suffix);
            }
            else
            {
                sink.WriteByte((byte)'{');
                sink.WriteByte((byte)'"');
                sink.WriteEscaped(name, escapeQuote: true);
                sink.Write(suffix);
                sink.WriteByte((byte)'"');
                separator = (byte)',';
                inside = true;
            }
        }

        foreach (var label in labels.Span)
        {
            if (label.Name == LabelNames.MetricName)
            {
                continue;
            }

            sink.WriteByte(separator);
            separator = (byte)',';
            inside = true;
            WriteName(ref sink, label.Name);
            sink.Write("=\""u8);
            sink.WriteEscaped(label.Value, escapeQuote: true);
            sink.WriteByte((byte)'"');
        }

        if (extraName.Length > 0)
        {
            sink.WriteByte(separator);
            inside = true;
            sink.Write(extraName);
            sink.Write("=\""u8);
            if (openMetrics)
            {
                sink.WriteOpenMetricsFloat(extraValue);
            }
            else
            {
                sink.WriteFloat(extraValue);
            }

            sink.WriteByte((byte)'"');
        }

        if (inside)
        {
            sink.WriteByte((byte)'}');
        }
    }
}
