using Pharos.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pharos.Alertmanager.Config;

/// <summary>
/// One YAML mapping of an Alertmanager configuration, read as Go's strict YAML decoding reads it: keys by name, a
/// null value reads as absent, <see cref="Finish"/> rejects keys nobody asked for with upstream's
/// "field x not found in type y" wording. Every error carries the file, line, column and field path.
/// Single-use, not thread-safe.
/// </summary>
internal sealed class YamlMap
{
    private static readonly HashSet<string> TrueWords = ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"];
    private static readonly HashSet<string> FalseWords = ["n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"];

    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public YamlMap(YamlNode node, string path, string file, string typeName)
    {
        Node = node;
        Path = path;
        File = file;
        TypeName = typeName;
        if (node is not YamlMappingNode mapping)
        {
            throw Error(node, path, $"cannot unmarshal {Tag(node)} into {typeName}");
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode scalar)
            {
                throw Error(key, path, $"cannot unmarshal {Tag(key)} into a field name of {typeName}");
            }

            var name = scalar.Value ?? "";
            if (_entries.TryGetValue(name, out var first))
            {
                throw Error(scalar, Join(path, name), $"mapping key \"{name}\" already defined at line {first.Key.Start.Line}");
            }

            _entries[name] = (scalar, value);
        }
    }

    public YamlNode Node { get; }

    public string Path { get; }

    public string File { get; }

    public string TypeName { get; }

    public IEnumerable<string> Keys => _entries.Keys;

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    public static bool IsNull(YamlNode? node) =>
        node is null || (node is YamlScalarNode { Style: ScalarStyle.Plain } s && s.Value is "" or "~" or "null" or "Null" or "NULL");

    public static string Tag(YamlNode node) => node switch
    {
        YamlSequenceNode => "!!seq",
        YamlMappingNode => "!!map",
        YamlScalarNode s when IsNull(s) => "!!null",
        YamlScalarNode s => $"!!str `{s.Value}`",
        _ => "!!node",
    };

    public AlertmanagerConfigException Error(YamlNode node, string path, string reason) =>
        new(File, (int)node.Start.Line, (int)node.Start.Column, path, reason);

    public AlertmanagerConfigException Error(string reason) => Error(Node, Path, reason);

    public AlertmanagerConfigException Error(string key, string reason) =>
        _entries.TryGetValue(key, out var e) ? Error(e.Value, Join(Path, key), reason) : Error(Node, Join(Path, key), reason);

    public YamlNode? Get(string key)
    {
        _used.Add(key);
        return _entries.TryGetValue(key, out var e) && !IsNull(e.Value) ? e.Value : null;
    }

    public bool Has(string key) => Get(key) is not null;

    public YamlMap? Map(string key, string typeName) =>
        Get(key) is { } n ? new YamlMap(n, Join(Path, key), File, typeName) : null;

    public YamlMap Open(YamlNode node, string path, string typeName) => new(node, path, File, typeName);

    public string? String(string key) => Get(key) is { } n ? ReadString(n, Join(Path, key)) : null;

    public string ReadString(YamlNode node, string path) => node is YamlScalarNode s
        ? (IsNull(s) ? "" : s.Value ?? "")
        : throw Error(node, path, $"cannot unmarshal {Tag(node)} into string");

    public bool? Bool(string key)
    {
        if (Get(key) is not { } n)
        {
            return null;
        }

        if (n is YamlScalarNode { Style: ScalarStyle.Plain } s)
        {
            if (TrueWords.Contains(s.Value ?? ""))
            {
                return true;
            }

            if (FalseWords.Contains(s.Value ?? ""))
            {
                return false;
            }
        }

        throw Error(n, Join(Path, key), $"cannot unmarshal {Tag(n)} into bool");
    }

    public long? Int(string key)
    {
        if (Get(key) is not { } n)
        {
            return null;
        }

        if (n is YamlScalarNode { Style: ScalarStyle.Plain } s && long.TryParse(s.Value, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw Error(n, Join(Path, key), $"cannot unmarshal {Tag(n)} into int");
    }

    public TimeSpan? Duration(string key)
    {
        if (Get(key) is not { } n)
        {
            return null;
        }

        var text = ReadString(n, Join(Path, key));
        if (!PrometheusDuration.TryParse(text, out var value, out var error))
        {
            throw Error(n, Join(Path, key), error ?? $"not a valid duration string: \"{text}\"");
        }

        return value;
    }

    public List<string>? StringList(string key)
    {
        if (Get(key) is not { } n)
        {
            return null;
        }

        var path = Join(Path, key);
        if (n is not YamlSequenceNode seq)
        {
            throw Error(n, path, $"cannot unmarshal {Tag(n)} into []string");
        }

        return [.. seq.Children.Select((c, i) => ReadString(c, $"{path}[{i}]"))];
    }

    public List<T>? List<T>(string key, Func<YamlNode, string, T> read)
    {
        if (Get(key) is not { } n)
        {
            return null;
        }

        var path = Join(Path, key);
        if (n is not YamlSequenceNode seq)
        {
            throw Error(n, path, $"cannot unmarshal {Tag(n)} into a list");
        }

        return [.. seq.Children.Select((c, i) => read(c, $"{path}[{i}]"))];
    }

    /// <summary>Reads a string-to-string map in file order (labels, headers, details).</summary>
    public List<KeyValuePair<string, string>>? StringMap(string key)
    {
        if (Map(key, "map[string]string") is not { } inner)
        {
            return null;
        }

        var result = new List<KeyValuePair<string, string>>();
        foreach (var (name, (_, value)) in inner._entries)
        {
            result.Add(new(name, inner.ReadString(value, Join(inner.Path, name))));
        }

        return result;
    }

    /// <summary>Marks a key as known without reading it.</summary>
    public void MarkUsed(string key) => _used.Add(key);

    /// <summary>Rejects the first key nobody read, as Go's <c>UnmarshalStrict</c>.</summary>
    public void Finish()
    {
        foreach (var (name, (key, _)) in _entries)
        {
            if (!_used.Contains(name))
            {
                throw Error(key, Join(Path, name), $"field {name} not found in type {TypeName}");
            }
        }
    }
}
