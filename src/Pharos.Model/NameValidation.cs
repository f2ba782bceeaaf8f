using System.Buffers;
using System.Text.Unicode;

namespace Pharos.Model;

/// <summary>
/// Checks metric names, label names and label values against a <see cref="NameValidationScheme"/>. All methods are
/// allocation-free and accept either UTF-16 strings or raw UTF-8 bytes (as parsers see them).
/// </summary>
public static class NameValidation
{
    private static readonly SearchValues<byte> LegacyMetricBytes =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:"u8);

    private static readonly SearchValues<byte> LegacyLabelBytes =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"u8);

    private static readonly SearchValues<char> LegacyMetricChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:");

    private static readonly SearchValues<char> LegacyLabelChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    /// <summary>Whether <paramref name="name"/> is a valid metric name under <paramref name="scheme"/>.</summary>
    /// <param name="name">The name as UTF-8 bytes.</param>
    /// <param name="scheme">The validation scheme.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidMetricName(ReadOnlySpan<byte> name, NameValidationScheme scheme = NameValidationScheme.Utf8) =>
        scheme == NameValidationScheme.Legacy ? IsLegacyMetricName(name) : name.Length > 0 && Utf8.IsValid(name);

    /// <summary>Whether <paramref name="name"/> is a valid metric name under <paramref name="scheme"/>.</summary>
    /// <param name="name">The name.</param>
    /// <param name="scheme">The validation scheme.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidMetricName(ReadOnlySpan<char> name, NameValidationScheme scheme = NameValidationScheme.Utf8) =>
        scheme == NameValidationScheme.Legacy ? IsLegacyMetricName(name) : name.Length > 0 && IsValidUtf16(name);

    /// <summary>Whether <paramref name="name"/> is a valid metric name under <paramref name="scheme"/>.</summary>
    /// <param name="name">The name.</param>
    /// <param name="scheme">The validation scheme.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidMetricName(string name, NameValidationScheme scheme = NameValidationScheme.Utf8) =>
        IsValidMetricName(name.AsSpan(), scheme);

    /// <summary>Whether <paramref name="name"/> is a valid label name under <paramref name="scheme"/>.</summary>
    /// <param name="name">The name as UTF-8 bytes.</param>
    /// <param name="scheme">The validation scheme.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidLabelName(ReadOnlySpan<byte> name, NameValidationScheme scheme = NameValidationScheme.Utf8) =>
        scheme == NameValidationScheme.Legacy ? IsLegacyLabelName(name) : name.Length > 0 && Utf8.IsValid(name);

    /// <summary>Whether <paramref name="name"/> is a valid label name under <paramref name="scheme"/>.</summary>
    /// <param name="name">The name.</param>
    /// <param name="scheme">The validation scheme.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidLabelName(ReadOnlySpan<char> name, NameValidationScheme scheme = NameValidationScheme.Utf8) =>
        scheme == NameValidationScheme.Legacy ? IsLegacyLabelName(name) : name.Length > 0 && IsValidUtf16(name);

    /// <summary>Whether <paramref name="name"/> is a valid label name under <paramref name="scheme"/>.</summary>
    /// <param name="name">The name.</param>
    /// <param name="scheme">The validation scheme.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidLabelName(string name, NameValidationScheme scheme = NameValidationScheme.Utf8) =>
        IsValidLabelName(name.AsSpan(), scheme);

    /// <summary>Whether <paramref name="value"/> is a valid label value: any valid UTF-8, including empty.</summary>
    /// <param name="value">The value as UTF-8 bytes.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidLabelValue(ReadOnlySpan<byte> value) => Utf8.IsValid(value);

    /// <summary>
    /// Whether <paramref name="value"/> is a valid label value: any string that encodes to valid UTF-8, that is one
    /// without unpaired surrogates.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidLabelValue(ReadOnlySpan<char> value) => IsValidUtf16(value);

    /// <summary>
    /// Whether <paramref name="name"/> is reserved for Prometheus itself (starts with <c>__</c>). Reserved labels
    /// are dropped after relabeling and must not be exposed by targets.
    /// </summary>
    /// <param name="name">The label name.</param>
    /// <returns>True when reserved.</returns>
    public static bool IsReservedLabelName(ReadOnlySpan<char> name) => name.StartsWith(LabelNames.ReservedPrefix, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="name"/> is a metric name in the legacy character set (and thus needs no quoting).</summary>
    /// <param name="name">The name.</param>
    /// <returns>True when legacy-valid.</returns>
    public static bool IsLegacyMetricName(ReadOnlySpan<char> name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && !name.ContainsAnyExcept(LegacyMetricChars);

    /// <summary>Whether <paramref name="name"/> is a label name in the legacy character set (and thus needs no quoting).</summary>
    /// <param name="name">The name.</param>
    /// <returns>True when legacy-valid.</returns>
    public static bool IsLegacyLabelName(ReadOnlySpan<char> name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && !name.ContainsAnyExcept(LegacyLabelChars);

    private static bool IsLegacyMetricName(ReadOnlySpan<byte> name) =>
        name.Length > 0 && !char.IsAsciiDigit((char)name[0]) && !name.ContainsAnyExcept(LegacyMetricBytes);

    private static bool IsLegacyLabelName(ReadOnlySpan<byte> name) =>
        name.Length > 0 && !char.IsAsciiDigit((char)name[0]) && !name.ContainsAnyExcept(LegacyLabelBytes);

    // A .NET string is valid UTF-8 once encoded exactly when every surrogate is part of a pair.
    internal static bool IsValidUtf16(ReadOnlySpan<char> s)
    {
        var i = s.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0)
        {
            return true;
        }

        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (!char.IsSurrogate(c))
            {
                continue;
            }

            if (!char.IsHighSurrogate(c) || i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]))
            {
                return false;
            }

            i++;
        }

        return true;
    }
}
