using System.Text;
using System.Text.Json;
using Pharos.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pharos.Discovery.File;

/// <summary>
/// Reads the <c>[{targets: [...], labels: {...}}]</c> list used by file and HTTP discovery, in JSON or YAML.
/// Errors name the position (<c>line:column</c>) and the offending field, as upstream's strict decoding rejects them.
/// </summary>
internal static class TargetGroupFile
{
    /// <summary>One group as written: target addresses and group labels.</summary>
    public readonly record struct Entry(IReadOnlyList<string> Targets, IReadOnlyList<KeyValuePair<string, string>> Labels);

    /// <summary>Parses a JSON array of groups.</summary>
    /// <exception cref="FormatException">Malformed JSON, a null group, a non-string target or an invalid label name.</exception>
    public static List<Entry> ParseJson(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            return ReadJsonList(ref reader);
        }
        catch (JsonException e) when (e.LineNumber is { } line)
        {
            throw new FormatException($"{line + 1}:{(e.BytePositionInLine ?? 0) + 1}: {e.Message}", e);
        }
        catch (JsonException e)
        {
            // Our own checks: the reader stands on the offending token.
            var before = json[..(int)Math.Min(reader.TokenStartIndex, json.Length)];
            var lineNumber = before.Count((byte)'\n') + 1;
            var column = before.Length - (before.LastIndexOf((byte)'\n') + 1) + 1;
            throw new FormatException($"{lineNumber}:{column}: {e.Message}", e);
        }
    }

    /// <summary>Parses a YAML sequence of groups; unknown fields are errors as with upstream's strict YAML decoding.</summary>
    /// <exception cref="FormatException">Malformed YAML, a null group, an unknown field or an invalid label name.</exception>
    public static List<Entry> ParseYaml(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new FormatException($"{e.Start.Line}:{e.Start.Column}: {e.Message}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" or "~" or "null" })
        {
            return [];
        }

        if (stream.Documents[0].RootNode is not YamlSequenceNode list)
        {
            throw Error(stream.Documents[0].RootNode, "expected a list of target groups");
        }

        var result = new List<Entry>();
        foreach (var item in list)
        {
            if (item is YamlScalarNode { Value: null or "" or "~" or "null" })
            {
                throw Error(item, "nil target group item found");
            }

            if (item is not YamlMappingNode map)
            {
                throw Error(item, "expected a mapping with targets and labels");
            }

            var targets = new List<string>();
            var labels = new List<KeyValuePair<string, string>>();
            foreach (var (keyNode, value) in map)
            {
                var key = ((YamlScalarNode)keyNode).Value;
                switch (key)
                {
                    case "targets":
                        if (value is YamlSequenceNode seq)
                        {
                            targets.AddRange(seq.Select(t => Scalar(t, "targets")));
                        }
                        else if (!IsNull(value))
                        {
                            throw Error(value, "targets must be a list of strings");
                        }

                        break;
                    case "labels":
                        if (value is YamlMappingNode lm)
                        {
                            foreach (var (ln, lv) in lm)
                            {
                                labels.Add(Label(Scalar(ln, "labels"), Scalar(lv, "labels"), ln));
                            }
                        }
                        else if (!IsNull(value))
                        {
                            throw Error(value, "labels must be a mapping of strings");
                        }

                        break;
                    default:
                        throw Error(keyNode, $"field {key} not found in type struct {{ Targets []string; Labels model.LabelSet }}");
                }
            }

            result.Add(new Entry(targets, labels));
        }

        return result;
    }

    private static bool IsNull(YamlNode node) => node is YamlScalarNode { Value: null or "" or "~" or "null" } s && s.Style == YamlDotNet.Core.ScalarStyle.Plain;

    private static string Scalar(YamlNode node, string field) =>
        node is YamlScalarNode s ? s.Value ?? "" : throw Error(node, $"{field}: expected a string");

    private static KeyValuePair<string, string> Label(string name, string value, YamlNode at) =>
        NameValidation.IsValidLabelName(name)
            ? new(name, value)
            : throw Error(at, $"\"{name}\" is not a valid label name");

    private static FormatException Error(YamlNode node, string message) => new($"{node.Start.Line}:{node.Start.Column}: {message}");

    private static List<Entry> ReadJsonList(ref Utf8JsonReader reader)
    {
        Read(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        Expect(ref reader, JsonTokenType.StartArray, "expected a list of target groups");
        var result = new List<Entry>();
        while (true)
        {
            Read(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                break;
            }

            if (reader.TokenType == JsonTokenType.Null)
            {
                throw new JsonException("nil target group item found");
            }

            Expect(ref reader, JsonTokenType.StartObject, "expected an object with targets and labels");
            result.Add(ReadJsonGroup(ref reader));
        }

        if (reader.Read())
        {
            throw new JsonException("unexpected data after the list");
        }

        return result;
    }

    private static Entry ReadJsonGroup(ref Utf8JsonReader reader)
    {
        var targets = new List<string>();
        var labels = new List<KeyValuePair<string, string>>();
        while (true)
        {
            Read(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return new Entry(targets, labels);
            }

            var field = reader.GetString();
            Read(ref reader);
            if (field == "targets" && reader.TokenType == JsonTokenType.StartArray)
            {
                while (true)
                {
                    Read(ref reader);
                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        break;
                    }

                    Expect(ref reader, JsonTokenType.String, "targets must be strings");
                    targets.Add(reader.GetString()!);
                }
            }
            else if (field == "labels" && reader.TokenType == JsonTokenType.StartObject)
            {
                while (true)
                {
                    Read(ref reader);
                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        break;
                    }

                    var name = reader.GetString()!;
                    if (!NameValidation.IsValidLabelName(name))
                    {
                        throw new JsonException($"\"{name}\" is not a valid label name");
                    }

                    Read(ref reader);
                    Expect(ref reader, JsonTokenType.String, $"label {name}: value must be a string");
                    labels.Add(new(name, reader.GetString()!));
                }
            }
            else if ((field is "targets" or "labels") && reader.TokenType == JsonTokenType.Null)
            {
                // null is an empty list or mapping, as Go's decoder treats it.
            }
            else if (field is "targets" or "labels")
            {
                throw new JsonException($"{field}: unexpected {reader.TokenType}");
            }
            else
            {
                // Unknown fields are ignored, as Go's JSON decoder does.
                reader.Skip();
            }
        }
    }

    private static void Read(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("unexpected end of JSON input");
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string message)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException(message);
        }
    }

    /// <summary>Decodes UTF-8 file content for YAML.</summary>
    public static string Decode(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
