using System.Text.Json;
using Pharos.Model;
using Pharos.PromQL.Parser;

namespace Pharos.Web.Api;

/// <summary>
/// The syntax tree of <c>/api/v1/parse_query</c>, in upstream's shape: one object per node with a <c>type</c>
/// field, keys in sorted order (upstream marshals Go maps, whose keys Go sorts).
/// </summary>
internal static class SyntaxTreeJson
{
    public static void Write(Utf8JsonWriter writer, Expr? expr)
    {
        switch (expr)
        {
            case null:
                writer.WriteNullValue();
                break;
            case AggregateExpr a:
                writer.WriteStartObject();
                writer.WritePropertyName("expr"u8);
                Write(writer, a.Expr);
                writer.WritePropertyName("grouping"u8);
                WriteStrings(writer, a.Grouping);
                writer.WriteString("op"u8, a.Op.Name());
                writer.WritePropertyName("param"u8);
                Write(writer, a.Param);
                writer.WriteString("type"u8, "aggregation"u8);
                writer.WriteBoolean("without"u8, a.Without);
                writer.WriteEndObject();
                break;
            case BinaryExpr b:
                writer.WriteStartObject();
                writer.WriteBoolean("bool"u8, b.ReturnBool);
                writer.WritePropertyName("lhs"u8);
                Write(writer, b.Lhs);
                writer.WritePropertyName("matching"u8);
                WriteMatching(writer, b.VectorMatching);
                writer.WriteString("op"u8, b.Op.Text());
                writer.WritePropertyName("rhs"u8);
                Write(writer, b.Rhs);
                writer.WriteString("type"u8, "binaryExpr"u8);
                writer.WriteEndObject();
                break;
            case Call c:
                writer.WriteStartObject();
                writer.WritePropertyName("args"u8);
                writer.WriteStartArray();
                foreach (var arg in c.Args)
                {
                    Write(writer, arg);
                }

                writer.WriteEndArray();
                writer.WritePropertyName("func"u8);
                writer.WriteStartObject();
                writer.WritePropertyName("argTypes"u8);
                WriteStrings(writer, c.Function.ArgTypes.Select(ValueTypeNames.Api).ToArray());
                writer.WriteString("name"u8, c.Function.Name);
                writer.WriteString("returnType"u8, ValueTypeNames.Api(c.Function.ReturnType));
                writer.WriteNumber("variadic"u8, c.Function.Variadic);
                writer.WriteEndObject();
                writer.WriteString("type"u8, "call"u8);
                writer.WriteEndObject();
                break;
            case MatrixSelector m:
                writer.WriteStartObject();
                WriteMatchers(writer, m.VectorSelector.Matchers);
                writer.WriteString("name"u8, m.VectorSelector.Name);
                writer.WriteNumber("offset"u8, m.VectorSelector.OffsetMs);
                writer.WriteNumber("range"u8, m.RangeMs);
                WriteAt(writer, m.VectorSelector.At, m.VectorSelector.TimestampMs);
                writer.WriteString("type"u8, "matrixSelector"u8);
                writer.WriteEndObject();
                break;
            case SubqueryExpr s:
                writer.WriteStartObject();
                writer.WritePropertyName("expr"u8);
                Write(writer, s.Expr);
                writer.WriteNumber("offset"u8, s.OffsetMs);
                writer.WriteNumber("range"u8, s.RangeMs);
                WriteAt(writer, s.At, s.TimestampMs, stepMs: s.StepMs);
                writer.WriteString("type"u8, "subquery"u8);
                writer.WriteEndObject();
                break;
            case NumberLiteral n:
                writer.WriteStartObject();
                writer.WriteString("type"u8, "numberLiteral"u8);
                writer.WriteString("val"u8, ApiJson.FormatFloat(n.Value));
                writer.WriteEndObject();
                break;
            case ParenExpr p:
                writer.WriteStartObject();
                writer.WritePropertyName("expr"u8);
                Write(writer, p.Expr);
                writer.WriteString("type"u8, "parenExpr"u8);
                writer.WriteEndObject();
                break;
            case StringLiteral s:
                writer.WriteStartObject();
                writer.WriteString("type"u8, "stringLiteral"u8);
                writer.WriteString("val"u8, s.Value);
                writer.WriteEndObject();
                break;
            case UnaryExpr u:
                writer.WriteStartObject();
                writer.WritePropertyName("expr"u8);
                Write(writer, u.Expr);
                writer.WriteString("op"u8, u.Op == UnaryOp.Minus ? "-"u8 : "+"u8);
                writer.WriteString("type"u8, "unaryExpr"u8);
                writer.WriteEndObject();
                break;
            case VectorSelector v:
                writer.WriteStartObject();
                WriteMatchers(writer, v.Matchers);
                writer.WriteString("name"u8, v.Name);
                writer.WriteNumber("offset"u8, v.OffsetMs);
                WriteAt(writer, v.At, v.TimestampMs);
                writer.WriteString("type"u8, "vectorSelector"u8);
                writer.WriteEndObject();
                break;
            default:
                writer.WriteStartObject();
                writer.WriteString("type"u8, expr.GetType().Name);
                writer.WriteEndObject();
                break;
        }
    }

    private static void WriteAt(Utf8JsonWriter writer, AtModifier at, long? timestampMs, long? stepMs = null)
    {
        writer.WritePropertyName("startOrEnd"u8);
        if (at == AtModifier.None)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(at == AtModifier.Start ? "start"u8 : "end"u8);
        }

        if (stepMs is { } step)
        {
            writer.WriteNumber("step"u8, step);
        }

        writer.WritePropertyName("timestamp"u8);
        if (timestampMs is { } ts)
        {
            writer.WriteNumberValue(ts);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static void WriteMatchers(Utf8JsonWriter writer, Matcher[] matchers)
    {
        writer.WritePropertyName("matchers"u8);
        writer.WriteStartArray();
        foreach (var matcher in matchers)
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, matcher.Name);
            writer.WriteString("type"u8, Matcher.Operator(matcher.Type));
            writer.WriteString("value"u8, matcher.Value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteMatching(Utf8JsonWriter writer, VectorMatching? matching)
    {
        if (matching is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("card"u8, matching.Card switch
        {
            VectorMatchCardinality.ManyToOne => "many-to-one",
            VectorMatchCardinality.OneToMany => "one-to-many",
            VectorMatchCardinality.ManyToMany => "many-to-many",
            _ => "one-to-one",
        });
        writer.WritePropertyName("include"u8);
        WriteStrings(writer, matching.Include);
        writer.WritePropertyName("labels"u8);
        WriteStrings(writer, matching.MatchingLabels);
        writer.WriteBoolean("on"u8, matching.On);
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string[] values)
    {
        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
