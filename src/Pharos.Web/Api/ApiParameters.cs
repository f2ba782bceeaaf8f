using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Pharos.Model;
using Pharos.PromQL.Parser;

namespace Pharos.Web.Api;

/// <summary>
/// The parameters of one API call: the query string merged with a form-encoded POST body, as Go's
/// <c>Request.ParseForm</c> does (body values first). Parses times, durations, limits and <c>match[]</c> the way
/// upstream's API does, with its error texts.
/// </summary>
public sealed partial class ApiParameters
{
    /// <summary>The earliest time the API accepts, upstream's <c>MinTime</c>, in milliseconds.</summary>
    public const long MinTimeMs = ((long.MinValue / 1000) + 62135596801) * 1000;

    /// <summary>The latest time the API accepts, upstream's <c>MaxTime</c>, in milliseconds.</summary>
    public const long MaxTimeMs = (((long.MaxValue / 1000) - 62135596801) * 1000) + 999;

    private const string MinTimeFormatted = "-292273086-05-16T16:47:06Z";
    private const string MaxTimeFormatted = "292277025-08-18T07:12:54.999999999Z";

    private readonly Dictionary<string, StringValues> _values;

    private ApiParameters(Dictionary<string, StringValues> values) => _values = values;

    /// <summary>Reads the parameters of a request (query string, plus the body for form-encoded POST/PUT).</summary>
    /// <param name="request">The request.</param>
    /// <returns>The parameters.</returns>
    /// <exception cref="ApiException">The form body is malformed or too large.</exception>
    public static async Task<ApiParameters> ReadAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            try
            {
                var form = await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
                foreach (var (key, value) in form)
                {
                    values[key] = value;
                }
            }
            catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
            {
                throw new ApiException(ApiErrorType.BadData, "error parsing form values: " + e.Message);
            }
        }

        foreach (var (key, value) in request.Query)
        {
            values[key] = values.TryGetValue(key, out var existing) ? StringValues.Concat(existing, value) : value;
        }

        return new ApiParameters(values);
    }

    /// <summary>Creates parameters from a fixed set (tests, internal callers).</summary>
    /// <param name="values">Name to values.</param>
    /// <returns>The parameters.</returns>
    public static ApiParameters From(IEnumerable<KeyValuePair<string, string>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var dictionary = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            dictionary[key] = dictionary.TryGetValue(key, out var existing) ? StringValues.Concat(existing, value) : new StringValues(value);
        }

        return new ApiParameters(dictionary);
    }

    /// <summary>The first value of a parameter, or empty, as Go's <c>FormValue</c>.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The value.</returns>
    public string Value(string name) => _values.TryGetValue(name, out var v) && v.Count > 0 ? v[0] ?? string.Empty : string.Empty;

    /// <summary>Every value of a parameter.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The values, empty when absent.</returns>
    public IReadOnlyList<string> Values(string name) =>
        _values.TryGetValue(name, out var v) ? v.Select(s => s ?? string.Empty).ToArray() : [];

    /// <summary>A time parameter with a default when absent, as upstream's <c>parseTimeParam</c>.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="defaultMs">The value when absent.</param>
    /// <returns>Milliseconds since the Unix epoch.</returns>
    /// <exception cref="ApiException">The value is not a time.</exception>
    public long TimeOrDefault(string name, long defaultMs)
    {
        var text = Value(name);
        if (text.Length == 0)
        {
            return defaultMs;
        }

        return TryParseTime(text, out var ms)
            ? ms
            : throw ApiException.InvalidParameter(name, $"invalid time value for '{name}': cannot parse \"{text}\" to a valid timestamp");
    }

    /// <summary>A required time parameter.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>Milliseconds since the Unix epoch.</returns>
    /// <exception cref="ApiException">The value is absent or not a time.</exception>
    public long RequiredTime(string name)
    {
        var text = Value(name);
        return TryParseTime(text, out var ms)
            ? ms
            : throw ApiException.InvalidParameter(name, $"cannot parse \"{text}\" to a valid timestamp");
    }

    /// <summary>An optional duration parameter.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The duration, or null when absent.</returns>
    /// <exception cref="ApiException">The value is not a duration.</exception>
    public TimeSpan? OptionalDuration(string name)
    {
        var text = Value(name);
        return text.Length == 0 ? null : ParseDuration(name, text);
    }

    /// <summary>A required duration parameter.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="ApiException">The value is absent or not a duration.</exception>
    public TimeSpan RequiredDuration(string name) => ParseDuration(name, Value(name));

    /// <summary>The <c>limit</c> parameter: 0 when absent, otherwise a non-negative integer.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The limit; 0 for none.</returns>
    /// <exception cref="ApiException">The value is not a non-negative integer.</exception>
    public int Limit(string name = "limit")
    {
        var text = Value(name);
        if (text.Length == 0)
        {
            return 0;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit))
        {
            throw ApiException.InvalidParameter(name, $"strconv.Atoi: parsing \"{text}\": invalid syntax");
        }

        return limit >= 0 ? limit : throw ApiException.InvalidParameter(name, "limit must be non-negative");
    }

    /// <summary>The <c>match[]</c> selectors, each at least one matcher that does not match the empty string.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>One matcher array per selector.</returns>
    /// <exception cref="ApiException">A selector does not parse or matches everything.</exception>
    public IReadOnlyList<Matcher[]> MatcherSets(string name = "match[]")
    {
        var sets = new List<Matcher[]>();
        foreach (var selector in Values(name))
        {
            Matcher[] matchers;
            try
            {
                matchers = PromQLParser.ParseMetricSelector(selector);
            }
            catch (PromQLParseException e)
            {
                throw ApiException.InvalidParameter(name, e.Message);
            }

            if (matchers.All(m => m.Matches(string.Empty)))
            {
                throw ApiException.InvalidParameter(name, "match[] must contain at least one non-empty matcher");
            }

            sets.Add(matchers);
        }

        return sets;
    }

    /// <summary>A boolean parameter in Go's <c>strconv.ParseBool</c> syntax; false when absent.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ApiException">The value is not a boolean.</exception>
    public bool Bool(string name)
    {
        var text = Value(name);
        return text switch
        {
            "" or "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
            "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
            _ => throw ApiException.InvalidParameter(name, $"strconv.ParseBool: parsing \"{text}\": invalid syntax"),
        };
    }

    /// <summary>Parses a time as upstream's API does: unix seconds as a float (rounded to milliseconds) or RFC 3339.</summary>
    /// <param name="text">The text.</param>
    /// <param name="timestampMs">Milliseconds since the Unix epoch.</param>
    /// <returns>Whether the text is a time.</returns>
    public static bool TryParseTime(string text, out long timestampMs)
    {
        ArgumentNullException.ThrowIfNull(text);
        timestampMs = 0;
        if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var seconds))
        {
            if (!double.IsFinite(seconds) || Math.Abs(seconds) > 9.2e15)
            {
                return false;
            }

            var whole = Math.Truncate(seconds);
            var fraction = Math.Round((seconds - whole) * 1000) / 1000;
            timestampMs = ((long)whole * 1000) + (long)Math.Round(fraction * 1000);
            return true;
        }

        if (text == MinTimeFormatted)
        {
            timestampMs = MinTimeMs;
            return true;
        }

        if (text == MaxTimeFormatted)
        {
            timestampMs = MaxTimeMs;
            return true;
        }

        var match = Rfc3339().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var fractionText = match.Groups[2].Value;
        var pattern = "yyyy-MM-dd'T'HH:mm:ssK";
        var core = match.Groups[1].Value + match.Groups[3].Value;
        if (!DateTimeOffset.TryParseExact(core, pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return false;
        }

        timestampMs = time.ToUnixTimeMilliseconds();
        if (fractionText.Length > 1)
        {
            // Nanosecond precision truncated to milliseconds, as time.Time.UnixMilli does.
            var digits = fractionText[1..].PadRight(3, '0')[..3];
            timestampMs += int.Parse(digits, CultureInfo.InvariantCulture);
        }

        return true;
    }

    private static TimeSpan ParseDuration(string name, string text)
    {
        if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var seconds))
        {
            var nanos = seconds * 1e9;
            if (double.IsNaN(nanos) || nanos > long.MaxValue || nanos < long.MinValue)
            {
                throw ApiException.InvalidParameter(name, $"cannot parse \"{text}\" to a valid duration. It overflows int64");
            }

            // A positive duration below the 100 ns tick stays positive, as a Go duration of 1 ns does.
            var ticks = (long)(nanos / 100);
            return TimeSpan.FromTicks(ticks == 0 && nanos > 0 ? 1 : ticks);
        }

        if (PrometheusDuration.TryParse(text, out var duration, out _))
        {
            return duration;
        }

        throw ApiException.InvalidParameter(name, $"cannot parse \"{text}\" to a valid duration");
    }

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
