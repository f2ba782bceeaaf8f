using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Pharos.Model;

namespace Pharos.Hosting.Flags;

/// <summary>
/// Declares a command's flags with upstream (kingpin) spelling and value syntax: <c>--web.listen-address=:9090</c>,
/// boolean flags without a value and their <c>--no-</c> negation, Prometheus durations (<c>15d</c>), and byte
/// sizes (<c>512MB</c>). Each method adds the option to the command and returns it for reading the value.
/// </summary>
public sealed class FlagSet
{
    private readonly Command _command;

    /// <summary>Creates a flag set that adds its options to <paramref name="command"/>.</summary>
    /// <param name="command">The subcommand that owns the flags.</param>
    public FlagSet(Command command) => _command = command;

    /// <summary>A string flag.</summary>
    /// <param name="name">The flag name without dashes, e.g. <c>web.listen-address</c>.</param>
    /// <param name="defaultValue">The default value.</param>
    /// <param name="help">What the flag does, shown by <c>--help</c>.</param>
    /// <returns>The option.</returns>
    public Option<string> String(string name, string defaultValue, string help) =>
        Add(new Option<string>("--" + name) { Description = help, DefaultValueFactory = _ => defaultValue, HelpName = "value" });

    /// <summary>A flag that may repeat, collecting every value.</summary>
    /// <param name="name">The flag name without dashes.</param>
    /// <param name="help">What the flag does.</param>
    /// <returns>The option.</returns>
    public Option<string[]> Strings(string name, string help) =>
        Add(new Option<string[]>("--" + name)
        {
            Description = help,
            DefaultValueFactory = _ => [],
            AllowMultipleArgumentsPerToken = false,
            Arity = ArgumentArity.OneOrMore,
            HelpName = "value",
        });

    /// <summary>A boolean flag: present means true; <c>--no-NAME</c> and <c>--NAME=false</c> mean false.</summary>
    /// <param name="name">The flag name without dashes.</param>
    /// <param name="defaultValue">The default value.</param>
    /// <param name="help">What the flag does.</param>
    /// <returns>The option.</returns>
    public Option<bool> Bool(string name, bool defaultValue, string help) =>
        Add(new Option<bool>("--" + name) { Description = help, DefaultValueFactory = _ => defaultValue, Arity = ArgumentArity.ZeroOrOne });

    /// <summary>An integer flag.</summary>
    /// <param name="name">The flag name without dashes.</param>
    /// <param name="defaultValue">The default value.</param>
    /// <param name="help">What the flag does.</param>
    /// <returns>The option.</returns>
    public Option<int> Int(string name, int defaultValue, string help) =>
        Add(new Option<int>("--" + name)
        {
            Description = help,
            DefaultValueFactory = _ => defaultValue,
            HelpName = "int",
            CustomParser = r => int.TryParse(Single(r), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
                ? v
                : Fail<int>(r, name, "expected an integer"),
        });

    /// <summary>A duration flag in Prometheus syntax (<c>1h30m</c>, <c>15d</c>).</summary>
    /// <param name="name">The flag name without dashes.</param>
    /// <param name="defaultValue">The default value.</param>
    /// <param name="help">What the flag does.</param>
    /// <returns>The option.</returns>
    public Option<TimeSpan> Duration(string name, TimeSpan defaultValue, string help) =>
        Add(new Option<TimeSpan>("--" + name)
        {
            Description = help,
            DefaultValueFactory = _ => defaultValue,
            HelpName = "duration",
            CustomParser = r => PrometheusDuration.TryParse(Single(r), out var d, out var error)
                ? d
                : Fail<TimeSpan>(r, name, error ?? "invalid duration"),
        });

    /// <summary>A byte-size flag (<c>512MB</c>, <c>1GiB</c>, or a plain number of bytes); 0 means unset.</summary>
    /// <param name="name">The flag name without dashes.</param>
    /// <param name="defaultValue">The default value in bytes.</param>
    /// <param name="help">What the flag does.</param>
    /// <returns>The option.</returns>
    public Option<long> Bytes(string name, long defaultValue, string help) =>
        Add(new Option<long>("--" + name)
        {
            Description = help,
            DefaultValueFactory = _ => defaultValue,
            HelpName = "bytes",
            CustomParser = r => ByteSize.TryParse(Single(r), out var v) ? v : Fail<long>(r, name, "expected a size such as 512MB"),
        });

    /// <summary>A flag whose value must be one of <paramref name="allowed"/>.</summary>
    /// <param name="name">The flag name without dashes.</param>
    /// <param name="defaultValue">The default value.</param>
    /// <param name="help">What the flag does.</param>
    /// <param name="allowed">The accepted values.</param>
    /// <returns>The option.</returns>
    public Option<string> Enum(string name, string defaultValue, string help, params string[] allowed) =>
        Add(new Option<string>("--" + name)
        {
            Description = $"{help} One of: [{string.Join(", ", allowed)}].",
            DefaultValueFactory = _ => defaultValue,
            HelpName = string.Join("|", allowed),
            CustomParser = r =>
            {
                var value = Single(r);
                return Array.IndexOf(allowed, value) >= 0
                    ? value
                    : Fail<string>(r, name, $"must be one of [{string.Join(", ", allowed)}]");
            },
        });

    /// <summary>
    /// Every flag's current value as text by upstream name, for <c>/api/v1/status/flags</c> and status pages.
    /// </summary>
    /// <param name="result">The parse result.</param>
    /// <param name="formatDuration">How durations print: Prometheus's <c>5m</c> by default; Go-flag hosts pass <c>5m0s</c>.</param>
    /// <returns>Flag name (without dashes) to value.</returns>
    public Dictionary<string, string> Values(ParseResult result, Func<TimeSpan, string>? formatDuration = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        formatDuration ??= PrometheusDuration.Format;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in _command.Options)
        {
            values[option.Name.TrimStart('-')] = result.GetResult(option)?.GetValueOrDefault<object?>() switch
            {
                null => string.Empty,
                bool b => b ? "true" : "false",
                TimeSpan d => formatDuration(d),
                string[] list => string.Join(",", list),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString() ?? string.Empty,
            };
        }

        return values;
    }

    private T Add<T>(T option)
        where T : Option
    {
        _command.Options.Add(option);
        return option;
    }

    private static string Single(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;

    private static T Fail<T>(ArgumentResult result, string name, string problem)
    {
        result.AddError($"invalid value '{Single(result)}' for flag --{name}: {problem}");
        return default!;
    }
}
