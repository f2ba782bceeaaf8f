using System.Text.RegularExpressions;

namespace Pharos.Model.Relabel;

/// <summary>
/// One relabeling rule (an entry of <c>relabel_configs</c>, <c>metric_relabel_configs</c>,
/// <c>alert_relabel_configs</c> or <c>write_relabel_configs</c>), with Prometheus's defaults: action
/// <c>replace</c>, separator <c>;</c>, regex <c>(.*)</c>, replacement <c>$1</c>. Immutable and thread-safe once built;
/// call <see cref="TryValidate"/> before use, as the configuration loader does.
/// </summary>
public sealed class RelabelConfig
{
    /// <summary>The default separator between joined source label values.</summary>
    public const string DefaultSeparator = ";";

    /// <summary>The default regex, matching anything and capturing it as group 1.</summary>
    public const string DefaultRegex = "(.*)";

    /// <summary>The default replacement: the first capture group.</summary>
    public const string DefaultReplacement = "$1";

    private FastRegexMatcher? _matcher;

    /// <summary>Labels whose values are joined with <see cref="Separator"/> to form the input of the rule.</summary>
    public IReadOnlyList<string> SourceLabels { get; init; } = [];

    /// <summary>Whether <c>source_labels</c> was given at all (upstream tells an absent list from an empty one).</summary>
    public bool SourceLabelsSet { get; init; }

    /// <summary>The string placed between joined source label values.</summary>
    public string Separator { get; init; } = DefaultSeparator;

    /// <summary>The RE2 pattern, without anchors; it always matches the whole input.</summary>
    public string Regex { get; init; } = DefaultRegex;

    /// <summary>
    /// Whether the regex was written in the configuration. Upstream compares against its default regex by identity, so
    /// an explicit <c>(.*)</c> still counts as set (which matters for <c>keepequal</c> and <c>dropequal</c>).
    /// </summary>
    public bool RegexSet { get; init; }

    /// <summary>The modulus of <see cref="RelabelAction.HashMod"/>; zero when unset.</summary>
    public ulong Modulus { get; init; }

    /// <summary>The label written by the rule; may contain <c>$1</c>-style references for <see cref="RelabelAction.Replace"/>.</summary>
    public string TargetLabel { get; init; } = "";

    /// <summary>The replacement template for <see cref="RelabelAction.Replace"/> and <see cref="RelabelAction.LabelMap"/>.</summary>
    public string Replacement { get; init; } = DefaultReplacement;

    /// <summary>What the rule does.</summary>
    public RelabelAction Action { get; init; } = RelabelAction.Replace;

    /// <summary>The compiled, fully anchored regex.</summary>
    /// <exception cref="RegexSyntaxException">RE2 rejects <see cref="Regex"/>.</exception>
    public FastRegexMatcher Matcher => _matcher ??= FastRegexMatcher.Get(Regex);

    internal Regex CompiledRegex => Matcher.Regex;

    /// <summary>Parses an action name case-insensitively, as upstream does.</summary>
    /// <param name="text">The YAML value, e.g. <c>labelmap</c> or <c>Replace</c>.</param>
    /// <param name="action">The action.</param>
    /// <returns>True when the name is known.</returns>
    public static bool TryParseAction(string text, out RelabelAction action)
    {
        switch (text.ToLowerInvariant())
        {
            case "replace": action = RelabelAction.Replace; return true;
            case "keep": action = RelabelAction.Keep; return true;
            case "drop": action = RelabelAction.Drop; return true;
            case "keepequal": action = RelabelAction.KeepEqual; return true;
            case "dropequal": action = RelabelAction.DropEqual; return true;
            case "hashmod": action = RelabelAction.HashMod; return true;
            case "labelmap": action = RelabelAction.LabelMap; return true;
            case "labeldrop": action = RelabelAction.LabelDrop; return true;
            case "labelkeep": action = RelabelAction.LabelKeep; return true;
            case "lowercase": action = RelabelAction.Lowercase; return true;
            case "uppercase": action = RelabelAction.Uppercase; return true;
            default: action = default; return false;
        }
    }

    /// <summary>The YAML spelling of <paramref name="action"/>.</summary>
    /// <param name="action">The action.</param>
    /// <returns>The lower-case name.</returns>
    public static string FormatAction(RelabelAction action) => action.ToString().ToLowerInvariant();

    /// <summary>
    /// Checks the rule as Prometheus does when loading a configuration, with the same messages (for example
    /// <c>relabel configuration for hashmod requires non-zero modulus</c>).
    /// </summary>
    /// <param name="scheme">How label names are validated (UTF-8 unless the configuration asks for legacy names).</param>
    /// <param name="error">The problem, or null.</param>
    /// <returns>True when the rule is valid.</returns>
    public bool TryValidate(NameValidationScheme scheme, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        error = Validate(scheme);
        return error is null;
    }

    private string? Validate(NameValidationScheme scheme)
    {
        var action = FormatAction(Action);
        try
        {
            _ = Matcher;
        }
        catch (RegexSyntaxException e)
        {
            return e.Message;
        }

        if (Action == RelabelAction.HashMod && Modulus == 0)
        {
            return "relabel configuration for hashmod requires non-zero modulus";
        }

        var writes = Action is RelabelAction.Replace or RelabelAction.HashMod or RelabelAction.Lowercase or RelabelAction.Uppercase
            or RelabelAction.KeepEqual or RelabelAction.DropEqual;
        if (writes && TargetLabel.Length == 0)
        {
            return $"relabel configuration for {action} action requires 'target_label' value";
        }

        if (Action == RelabelAction.Replace)
        {
            var valid = RegexTemplate.HasVariables(TargetLabel)
                ? IsValidTemplateName(TargetLabel, scheme)
                : NameValidation.IsValidLabelName(TargetLabel, scheme);
            if (!valid)
            {
                return $"{GoQuoting.Quote(TargetLabel)} is invalid 'target_label' for {action} action";
            }
        }

        var onlyTarget = Action is RelabelAction.Lowercase or RelabelAction.Uppercase or RelabelAction.KeepEqual or RelabelAction.DropEqual;
        if ((onlyTarget || Action == RelabelAction.HashMod) && !NameValidation.IsValidLabelName(TargetLabel, scheme))
        {
            return $"{GoQuoting.Quote(TargetLabel)} is invalid 'target_label' for {action} action";
        }

        if (onlyTarget && Replacement != DefaultReplacement)
        {
            return $"'replacement' can not be set for {action} action";
        }

        if (Action == RelabelAction.LabelMap && !IsValidTemplateName(Replacement, scheme))
        {
            return $"{GoQuoting.Quote(Replacement)} is invalid 'replacement' for {action} action";
        }

        if (Action is RelabelAction.KeepEqual or RelabelAction.DropEqual
            && (RegexSet || Modulus != 0 || Separator != DefaultSeparator || Replacement != DefaultReplacement))
        {
            return $"{action} action requires only 'source_labels' and `target_label`, and no other fields";
        }

        if (Action is RelabelAction.LabelDrop or RelabelAction.LabelKeep
            && (SourceLabelsSet || TargetLabel.Length != 0 || Modulus != 0 || Separator != DefaultSeparator || Replacement != DefaultReplacement))
        {
            return $"{action} action requires only 'regex', and no other fields";
        }

        return null;
    }

    // A label name in which $1, ${1}, $name and ${name} may stand for parts of the name. With legacy names this is
    // upstream's pattern ^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$; with UTF-8 names any non-empty valid text will do.
    private static bool IsValidTemplateName(string name, NameValidationScheme scheme)
    {
        if (scheme == NameValidationScheme.Utf8)
        {
            return NameValidation.IsValidLabelName(name, scheme);
        }

        if (name.Length == 0)
        {
            return false;
        }

        var i = 0;
        var atStart = true;
        while (i < name.Length)
        {
            var c = name[i];
            if (c == '$')
            {
                i++;
                if (i < name.Length && name[i] == '{')
                {
                    var close = name.IndexOf('}', i);
                    if (close < 0 || close == i + 1 || !IsWord(name.AsSpan(i + 1, close - i - 1)))
                    {
                        return false;
                    }

                    i = close + 1;
                }
                else
                {
                    var start = i;
                    while (i < name.Length && IsWordChar(name[i]))
                    {
                        i++;
                    }

                    if (i == start)
                    {
                        return false;
                    }
                }
            }
            else if (char.IsAsciiLetter(c) || c == '_' || (!atStart && char.IsAsciiDigit(c)))
            {
                i++;
            }
            else
            {
                return false;
            }

            atStart = false;
        }

        return true;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static bool IsWord(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!IsWordChar(c))
            {
                return false;
            }
        }

        return true;
    }
}
