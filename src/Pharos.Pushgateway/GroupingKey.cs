using System.Text;
using Pharos.Model;

namespace Pharos.Pushgateway;

/// <summary>
/// The labels that identify a metric group: <c>job</c> plus the label pairs of the push URL, sorted by name. Unlike
/// <see cref="Labels"/>, an empty value is kept, because upstream treats <c>/x@base64/=</c> as a distinct group.
/// Immutable.
/// </summary>
public sealed class GroupingKey : IEquatable<GroupingKey>, IComparable<GroupingKey>
{
    /// <summary>Base64 marker appended to a label name in the URL path.</summary>
    public const string Base64Suffix = "@base64";

    private readonly KeyValuePair<string, string>[] _pairs;

    /// <summary>Creates a key from label pairs (names must be distinct; they are sorted here).</summary>
    /// <param name="pairs">The grouping labels, including <c>job</c>.</param>
    public GroupingKey(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        _pairs = [.. pairs.OrderBy(p => p.Key, StringComparer.Ordinal)];
        var sb = new StringBuilder();
        foreach (var (name, value) in _pairs)
        {
            sb.Append(name).Append('\xff').Append(value).Append('\xff');
        }

        Id = sb.ToString();
    }

    /// <summary>The label pairs, sorted by name.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    /// <summary>A string that is equal for equal keys (names and values joined with 0xFF, as upstream's key).</summary>
    public string Id { get; }

    /// <summary>The value of <c>job</c>.</summary>
    public string Job => Get("job") ?? string.Empty;

    /// <summary>The value of a grouping label, or null when the key has no such label.</summary>
    /// <param name="name">The label name.</param>
    /// <returns>The value, possibly empty, or null.</returns>
    public string? Get(string name)
    {
        foreach (var (n, v) in _pairs)
        {
            if (n == name)
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>
    /// Parses the part of a push URL after <c>/metrics/</c>: <c>job/&lt;job&gt;{/&lt;name&gt;/&lt;value&gt;}</c>, where
    /// <c>job@base64</c> or <c>&lt;name&gt;@base64</c> mark a URL-safe base64 value (padding optional, <c>=</c> for empty).
    /// </summary>
    /// <param name="path">The decoded path after <c>/metrics/</c>.</param>
    /// <param name="key">The key.</param>
    /// <param name="error">The error text upstream answers with, when false.</param>
    /// <returns>True when the path is valid.</returns>
    public static bool TryParsePath(string path, out GroupingKey? key, out string? error)
    {
        key = null;
        var segments = path.Split('/');
        if (segments.Length < 2 || segments[0] is not ("job" or "job" + Base64Suffix))
        {
            error = "404 page not found";
            return false;
        }

        var job = segments[1];
        if (segments[0].EndsWith(Base64Suffix, StringComparison.Ordinal))
        {
            if (!TryDecodeBase64(job, out var decoded, out var problem))
            {
                error = $"invalid base64 encoding in job name \"{job}\": {problem}";
                return false;
            }

            job = decoded;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = segments.AsSpan(2);
        if (rest.Length == 1 && rest[0].Length == 0)
        {
            rest = [];
        }

        if (rest.Length % 2 != 0)
        {
            error = $"odd number of components in label string \"/{string.Join('/', rest.ToArray())}\"";
            return false;
        }

        for (var i = 0; i < rest.Length; i += 2)
        {
            var name = rest[i];
            var value = rest[i + 1];
            var trimmed = name.EndsWith(Base64Suffix, StringComparison.Ordinal) ? name[..^Base64Suffix.Length] : name;
            if (!NameValidation.IsLegacyLabelName(trimmed) || trimmed.StartsWith("__", StringComparison.Ordinal))
            {
                error = $"improper label name \"{trimmed}\"";
                return false;
            }

            if (trimmed.Length != name.Length)
            {
                if (!TryDecodeBase64(value, out var decoded, out var problem))
                {
                    error = $"invalid base64 encoding for label {trimmed}=\"{value}\": {problem}";
                    return false;
                }

                value = decoded;
            }

            labels[trimmed] = value;
        }

        if (job.Length == 0)
        {
            error = "job name is required";
            return false;
        }

        labels["job"] = job;
        key = new GroupingKey(labels);
        error = null;
        return true;
    }

    /// <summary>Decodes URL-safe base64 with optional padding, as upstream (trailing <c>=</c> ignored).</summary>
    /// <param name="text">The encoded value.</param>
    /// <param name="value">The decoded UTF-8 text.</param>
    /// <param name="problem">What is wrong, when false.</param>
    /// <returns>True when valid.</returns>
    public static bool TryDecodeBase64(string text, out string value, out string? problem)
    {
        var trimmed = text.TrimEnd('=');
        value = string.Empty;
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                problem = $"illegal base64 data at input byte {i}";
                return false;
            }
        }

        if (trimmed.Length % 4 == 1)
        {
            problem = $"illegal base64 data at input byte {trimmed.Length - 1}";
            return false;
        }

        var standard = trimmed.Replace('-', '+').Replace('_', '/');
        standard = standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '=');
        try
        {
            value = Encoding.UTF8.GetString(Convert.FromBase64String(standard));
        }
        catch (FormatException e)
        {
            problem = e.Message;
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>Encodes a value as URL-safe base64 without padding (<c>=</c> for empty), for building push URLs.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The encoded text.</returns>
    public static string EncodeBase64(string value) =>
        value.Length == 0
            ? "="
            : Convert.ToBase64String(Encoding.UTF8.GetBytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <inheritdoc />
    public bool Equals(GroupingKey? other) => other is not null && Id == other.Id;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as GroupingKey);

    /// <inheritdoc />
    public override int GetHashCode() => Id.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public int CompareTo(GroupingKey? other) => other is null ? 1 : string.CompareOrdinal(Id, other.Id);

    /// <summary>The key as <c>{job="a",x="b"}</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        "{" + string.Join(",", _pairs.Select(p => $"{p.Key}=\"{p.Value}\"")) + "}";
}
