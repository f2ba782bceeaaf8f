using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pharos.Config;

/// <summary>
/// One YAML mapping of a configuration file, read the way Go's strict YAML decoding reads Prometheus's: keys are looked
/// up by name, a null value reads as absent, any scalar reads as a string, booleans use YAML 1.1 spellings, and
/// <see cref="Finish"/> rejects keys nobody asked for. Every error carries the node's mark and the field path.
/// Service discovery mechanisms registered with <see cref="Discovery.ServiceDiscoveryRegistry"/> read their block
/// through it. Single-use, not thread-safe.
/// </summary>
public sealed class ConfigSection
{
    private static readonly HashSet<string> TrueWords = ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"];
    private static readonly HashSet<string> FalseWords = ["n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"];

    private readonly List<KeyValuePair<YamlScalarNode, YamlNode>> _entries = [];
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    internal ConfigSection(YamlNode node, string path, string file, string typeName)
    {
        Node = node;
        Path = path;
        File = file;
        TypeName = typeName;
        if (node is not YamlMappingNode mapping)
        {
            throw Error(node, path, $"cannot unmarshal {Tag(node)} into {typeName}");
        }

        var seen = new Dictionary<string, YamlScalarNode>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode scalarKey)
            {
                throw Error(key, path, $"cannot unmarshal {Tag(key)} into a field name of {typeName}");
            }

            if (scalarKey.Value == "<<" && scalarKey.Style == ScalarStyle.Plain)
            {
                continue;
            }

            var name = scalarKey.Value ?? "";
            if (seen.TryGetValue(name, out var first))
            {
                throw Error(scalarKey, Join(path, name), $"mapping key \"{name}\" already defined at line {first.Start.Line}");
            }

            seen[name] = scalarKey;
            _entries.Add(new(scalarKey, value));
        }

        // YAML merge keys (<<: *anchor) as Go's decoder supports them: explicit keys win over merged ones.
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: "<<", Style: ScalarStyle.Plain })
            {
                var sources = value is YamlSequenceNode seq ? seq.Children.ToList() : [value];
                foreach (var source in sources)
                {
                    if (source is not YamlMappingNode merged)
                    {
                        throw Error(source, path, "map merge requires map or sequence of maps as the value");
                    }

                    foreach (var (mk, mv) in merged.Children)
                    {
                        if (mk is YamlScalarNode msk && !seen.ContainsKey(msk.Value ?? ""))
                        {
                            seen[msk.Value ?? ""] = msk;
                            _entries.Add(new(msk, mv));
                        }
                    }
                }
            }
        }
    }

    /// <summary>The mapping node.</summary>
    public YamlNode Node { get; }

    /// <summary>The dotted field path of this section.</summary>
    public string Path { get; }

    /// <summary>The file being read.</summary>
    public string File { get; }

    /// <summary>The section's type name used in "field not found" errors.</summary>
    public string TypeName { get; }

    /// <summary>The keys present, in order.</summary>
    public IEnumerable<string> Keys => _entries.Select(e => e.Key.Value ?? "");

    /// <summary>Whether <paramref name="node"/> is absent or a YAML null.</summary>
    /// <param name="node">The node.</param>
    /// <returns>True for null.</returns>
    public static bool IsNull(YamlNode? node) =>
        node is null
        || (node is YamlScalarNode s && ((s.Style == ScalarStyle.Plain && s.Value is "" or "~" or "null" or "Null" or "NULL") || (!s.Tag.IsNonSpecific && !s.Tag.IsEmpty && s.Tag.Value == "tag:yaml.org,2002:null")));

    /// <summary>Appends a field name to a path.</summary>
    /// <param name="path">The path.</param>
    /// <param name="name">The field.</param>
    /// <returns>The joined path.</returns>
    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>The YAML tag and value for "cannot unmarshal" errors.</summary>
    /// <param name="node">The node.</param>
    /// <returns>For example <c>!!seq</c>.</returns>
    public static string Tag(YamlNode node) => node switch
    {
        YamlSequenceNode => "!!seq",
        YamlMappingNode => "!!map",
        YamlScalarNode s when IsNull(s) => "!!null",
        YamlScalarNode s => $"{ScalarTag(s)} `{s.Value}`",
        _ => "!!node",
    };

    /// <summary>An error located at <paramref name="node"/>.</summary>
    /// <param name="node">Where.</param>
    /// <param name="path">The field path.</param>
    /// <param name="reason">What is wrong.</param>
    /// <returns>The exception to throw.</returns>
    public ConfigException Error(YamlNode node, string path, string reason) =>
        new(File, (int)node.Start.Line, (int)node.Start.Column, path, reason);

    /// <summary>An error about the whole section, located at its first line.</summary>
    /// <param name="reason">What is wrong.</param>
    /// <returns>The exception to throw.</returns>
    public ConfigException Error(string reason) => Error(Node, Path, reason);

    /// <summary>An error about one field, located at its value when present, else at the section.</summary>
    /// <param name="key">The field.</param>
    /// <param name="reason">What is wrong.</param>
    /// <returns>The exception to throw.</returns>
    public ConfigException Error(string key, string reason)
    {
        var entry = Find(key);
        return entry is { } e ? Error(e.Value, Join(Path, key), reason) : Error(Node, Join(Path, key), reason);
    }

    /// <summary>The value node of <paramref name="key"/>, or null when absent or null; marks the key as known.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The node.</returns>
    public YamlNode? Get(string key)
    {
        _used.Add(key);
        var entry = Find(key);
        return entry is { } e && !IsNull(e.Value) ? e.Value : null;
    }

    /// <summary>Whether <paramref name="key"/> is present and not null.</summary>
    /// <param name="key">The key.</param>
    /// <returns>True when present.</returns>
    public bool Has(string key) => Get(key) is not null;

    /// <summary>Reads a string; any scalar will do.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null when absent.</returns>
    public string? String(string key) => Get(key) is { } n ? ReadString(n, Join(Path, key)) : null;

    /// <summary>Reads a scalar node as a string.</summary>
    /// <param name="node">The node.</param>
    /// <param name="path">Its path, for errors.</param>
    /// <returns>The text.</returns>
    public string ReadString(YamlNode node, string path) => node switch
    {
        YamlScalarNode s => IsNull(s) ? "" : s.Value ?? "",
        _ => throw Error(node, path, $"cannot unmarshal {Tag(node)} into string"),
    };

    /// <summary>Reads a YAML 1.1 boolean.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null when absent.</returns>
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

    /// <summary>Reads a non-negative integer.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null when absent.</returns>
    public ulong? UInt(string key)
    {
        if (Get(key) is not { } n)
        {
            return null;
        }

        if (n is YamlScalarNode { Style: ScalarStyle.Plain } s && TryParseInteger(s.Value ?? "", out var value) && value >= 0)
        {
            return (ulong)value;
        }

        throw Error(n, Join(Path, key), $"cannot unmarshal {Tag(n)} into uint");
    }

    /// <summary>Reads an integer.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null when absent.</returns>
    public long? Int(string key)
    {
        if (Get(key) is not { } n)
        {
            return null;
        }

        if (n is YamlScalarNode { Style: ScalarStyle.Plain } s && TryParseInteger(s.Value ?? "", out var value))
        {
            return value;
        }

        throw Error(n, Join(Path, key), $"cannot unmarshal {Tag(n)} into int");
    }

    /// <summary>Reads a float.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null when absent.</returns>
    public double? Float(string key)
    {
        if (Get(key) is not { } n)
        {
            return null;
        }

        if (n is YamlScalarNode { Style: ScalarStyle.Plain } s
            && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw Error(n, Join(Path, key), $"cannot unmarshal {Tag(n)} into float64");
    }

    /// <summary>A Prometheus duration (<c>1m30s</c>); bare numbers are rejected as upstream.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null when absent.</returns>
    public TimeSpan? Duration(string key)
    {
        if (Get(key) is not { } n)
        {
            return null;
        }

        var text = ReadString(n, Join(Path, key));
        if (!Pharos.Model.PrometheusDuration.TryParse(text, out var d, out var error))
        {
            throw Error(n, Join(Path, key), error ?? "not a valid duration string");
        }

        return d;
    }

    /// <summary>A size with base-2 units as upstream's <c>units.Base2Bytes</c> (<c>10MB</c> is 10 MiB).</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null when absent.</returns>
    public long? Bytes(string key)
    {
        if (Get(key) is not { } n)
        {
            return null;
        }

        var text = ReadString(n, Join(Path, key));
        if (!ByteSize.TryParse(text, out var bytes))
        {
            throw Error(n, Join(Path, key), $"units: unknown unit in {text}");
        }

        return bytes;
    }

    /// <summary>Opens a nested mapping.</summary>
    /// <param name="key">The key.</param>
    /// <param name="typeName">Its type name for errors.</param>
    /// <returns>The section, or null when absent or null.</returns>
    public ConfigSection? Map(string key, string typeName) =>
        Get(key) is { } n ? new ConfigSection(n, Join(Path, key), File, typeName) : null;

    /// <summary>Opens a node as a mapping section.</summary>
    /// <param name="node">The node.</param>
    /// <param name="path">Its path.</param>
    /// <param name="typeName">Its type name for errors.</param>
    /// <returns>The section.</returns>
    public ConfigSection Open(YamlNode node, string path, string typeName) => new(node, path, File, typeName);

    /// <summary>Reads a list of strings.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The list, or null when absent.</returns>
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

    /// <summary>Reads a list whose entries may be null; <paramref name="read"/> receives null for a null entry.</summary>
    /// <typeparam name="T">The entry type.</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="read">Reads one entry from its node, path and index.</param>
    /// <returns>The list, or null when absent.</returns>
    /// <param name="nullError">When set, a null entry is an error with this text, located at the entry.</param>
    public List<T>? List<T>(string key, Func<YamlNode?, string, int, T> read, string? nullError = null)
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

        var result = new List<T>(seq.Children.Count);
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var child = seq.Children[i];
            if (nullError is not null && IsNull(child))
            {
                throw Error(child, $"{path}[{i}]", nullError);
            }

            result.Add(read(IsNull(child) ? null : child, $"{path}[{i}]", i));
        }

        return result;
    }

    /// <summary>A string-to-string map; null values read as empty strings.</summary>
    /// <param name="key">The key.</param>
    /// <param name="keyNodes">The key nodes, for locating errors about single entries.</param>
    /// <returns>The entries in order, or null when absent.</returns>
    public List<KeyValuePair<string, string>>? StringMap(string key, out Dictionary<string, YamlNode> keyNodes)
    {
        keyNodes = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (Get(key) is not { } n)
        {
            return null;
        }

        var inner = new ConfigSection(n, Join(Path, key), File, "map[string]string");
        var result = new List<KeyValuePair<string, string>>();
        foreach (var entry in inner._entries)
        {
            var name = entry.Key.Value ?? "";
            keyNodes[name] = entry.Key;
            result.Add(new(name, inner.ReadString(entry.Value, Join(inner.Path, name))));
        }

        return result;
    }

    /// <summary>Rejects keys that no reader asked for, as Go's strict decoding does.</summary>
    public void Finish()
    {
        foreach (var (key, _) in _entries)
        {
            var name = key.Value ?? "";
            if (!_used.Contains(name))
            {
                throw Error(key, Join(Path, name), $"field {name} not found in type {TypeName}");
            }
        }
    }

    /// <summary>Marks keys as known without reading them (for fields a caller parses through the raw node).</summary>
    /// <param name="key">The key.</param>
    public void MarkUsed(string key) => _used.Add(key);

    private KeyValuePair<YamlScalarNode, YamlNode>? Find(string key)
    {
        foreach (var e in _entries)
        {
            if (e.Key.Value == key)
            {
                return e;
            }
        }

        return null;
    }

    private static string ScalarTag(YamlScalarNode s)
    {
        if (s.Style != ScalarStyle.Plain)
        {
            return "!!str";
        }

        var v = s.Value ?? "";
        if (TrueWords.Contains(v) || FalseWords.Contains(v))
        {
            return "!!bool";
        }

        if (TryParseInteger(v, out _))
        {
            return "!!int";
        }

        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? "!!float" : "!!str";
    }

    private static bool TryParseInteger(string text, out long value)
    {
        var s = text.Replace("_", "", StringComparison.Ordinal);
        var negative = s.StartsWith('-');
        if (negative || s.StartsWith('+'))
        {
            s = s[1..];
        }

        bool ok;
        value = 0;
        if (s.StartsWith("0x", StringComparison.Ordinal))
        {
            ok = long.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }
        else if (s.StartsWith("0b", StringComparison.Ordinal))
        {
            ok = long.TryParse(s.AsSpan(2), NumberStyles.AllowBinarySpecifier, CultureInfo.InvariantCulture, out value);
        }
        else
        {
            ok = s.Length > 0 && s.All(char.IsAsciiDigit) && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        if (negative)
        {
            value = -value;
        }

        return ok;
    }
}
