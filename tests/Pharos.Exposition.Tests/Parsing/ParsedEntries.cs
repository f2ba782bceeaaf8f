using System.Globalization;
using System.Text;
using Pharos.Model;
using Xunit;

namespace Pharos.Exposition.Tests.Parsing;

/// <summary>Runs a parser over a payload and renders each entry as one readable line.</summary>
internal static class ParsedEntries
{
    public static List<string> Render(ExpositionParser parser, byte[] input)
    {
        parser.Reset(input);
        var lines = new List<string>();
        var builder = new LabelsBuilder();
        while (true)
        {
            var entry = parser.Next();
            switch (entry)
            {
                case ExpositionEntry.EndOfInput:
                    return lines;
                case ExpositionEntry.Help:
                    lines.Add($"help {Utf8(parser.FamilyName)} {Utf8(parser.Help)}");
                    break;
                case ExpositionEntry.Type:
                    lines.Add($"type {Utf8(parser.FamilyName)} {MetricTypes.ToName(parser.Type)}");
                    break;
                case ExpositionEntry.Unit:
                    lines.Add($"unit {Utf8(parser.FamilyName)} {Utf8(parser.Unit)}");
                    break;
                case ExpositionEntry.Comment:
                    lines.Add($"comment {Utf8(parser.Comment)}");
                    break;
                default:
                    parser.GetLabels(builder);
                    var text = new StringBuilder(entry == ExpositionEntry.Histogram ? "histogram " : "series ");
                    text.Append(builder.ToLabels().ToString());
                    if (entry == ExpositionEntry.Series)
                    {
                        text.Append(' ').Append(parser.Value.ToString(CultureInfo.InvariantCulture));
                    }

                    if (parser.HasTimestamp)
                    {
                        text.Append(" @").Append(parser.TimestampMs.ToString(CultureInfo.InvariantCulture));
                    }

                    if (parser.TryGetExemplar(out var exemplar))
                    {
                        text.Append(" # ").Append(exemplar.Labels.ToString()).Append(' ')
                            .Append(exemplar.Value.ToString(CultureInfo.InvariantCulture));
                        if (exemplar.HasTimestamp)
                        {
                            text.Append(" @").Append(exemplar.TimestampMs.ToString(CultureInfo.InvariantCulture));
                        }
                    }

                    if (parser.TryGetCreatedTimestamp(out var created))
                    {
                        text.Append(" ct=").Append(created.ToString(CultureInfo.InvariantCulture));
                    }

                    lines.Add(text.ToString());
                    break;
            }
        }
    }

    public static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    public static ExpositionParseException Error(ExpositionParser parser, byte[] input) =>
        Assert.Throws<ExpositionParseException>(() => Render(parser, input));
}
