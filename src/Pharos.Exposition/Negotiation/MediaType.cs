namespace Pharos.Exposition.Negotiation;

/// <summary>
/// A parsed <c>Content-Type</c>: lower-cased <c>type/subtype</c> and parameters with lower-cased names and unquoted
/// values. Parsing follows Go's <c>mime.ParseMediaType</c> closely enough for scrape responses: a bad media type or
/// a malformed parameter is an error.
/// </summary>
internal sealed class MediaType
{
    private MediaType(string type, Dictionary<string, string> parameters)
    {
        Type = type;
        Parameters = parameters;
    }

    public string Type { get; }

    public Dictionary<string, string> Parameters { get; }

    public static bool TryParse(string value, out MediaType? mediaType, out string? error)
    {
        mediaType = null;
        var parts = value.Split(';');
        var type = parts[0].Trim().ToLowerInvariant();
        var slash = type.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == type.Length - 1 || !IsToken(type.AsSpan(0, slash)) || !IsToken(type.AsSpan(slash + 1)))
        {
            error = "mime: expected slash after first token";
            if (slash > 0)
            {
                error = "mime: expected token after slash";
            }

            return false;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < parts.Length; i++)
        {
            var part = parts[i].Trim();
            if (part.Length == 0)
            {
                // A trailing ';' is tolerated, as Go does.
                continue;
            }

            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                error = "mime: invalid media parameter";
                return false;
            }

            var key = part[..eq].Trim().ToLowerInvariant();
            var val = part[(eq + 1)..].Trim();
            if (val.Length >= 2 && val[0] == '"' && val[^1] == '"')
            {
                val = val[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal);
            }
            else if (!IsToken(val))
            {
                error = "mime: invalid media parameter";
                return false;
            }

            if (!IsToken(key) || !parameters.TryAdd(key, val))
            {
                error = "mime: duplicate parameter name";
                return false;
            }
        }

        mediaType = new MediaType(type, parameters);
        error = null;
        return true;
    }

    // RFC 7231 token characters.
    private static bool IsToken(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?=".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
