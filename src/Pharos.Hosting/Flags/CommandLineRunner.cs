using System.CommandLine;

namespace Pharos.Hosting.Flags;

/// <summary>
/// Runs a command tree the way upstream programs behave: kingpin's <c>--no-FLAG</c> negation for boolean flags,
/// and exit status 2 with a message naming the offending flag for unknown flags or bad values.
/// </summary>
public static class CommandLineRunner
{
    /// <summary>The exit status for usage errors, as kingpin uses.</summary>
    public const int UsageErrorExitCode = 2;

    /// <summary>Parses and runs <paramref name="args"/> against <paramref name="root"/>.</summary>
    /// <param name="root">The root command.</param>
    /// <param name="args">The process arguments.</param>
    /// <param name="output">Where normal output (help, version) goes.</param>
    /// <param name="error">Where usage errors go.</param>
    /// <returns>The exit status.</returns>
    public static int Run(RootCommand root, string[] args, TextWriter output, TextWriter error)
    {
        var rewritten = RewriteNegatedBooleans(root, args);
        var result = root.Parse(rewritten);
        if (result.Errors.Count > 0)
        {
            var commandPath = CommandPath(result);
            foreach (var parseError in result.Errors)
            {
                error.WriteLine($"{commandPath}: error: {Describe(parseError.Message)}");
            }

            error.WriteLine($"Try '{commandPath} --help' for usage.");
            return UsageErrorExitCode;
        }

        return result.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    /// <summary>Turns <c>--no-NAME</c> into <c>--NAME=false</c> when NAME is a boolean flag anywhere in the tree.</summary>
    /// <param name="root">The root command.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>The rewritten arguments.</returns>
    public static string[] RewriteNegatedBooleans(Command root, string[] args)
    {
        var booleans = new HashSet<string>(StringComparer.Ordinal);
        Collect(root, booleans);
        var result = new string[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            result[i] = arg.StartsWith("--no-", StringComparison.Ordinal) && booleans.Contains("--" + arg[5..])
                ? "--" + arg[5..] + "=false"
                : arg;
        }

        return result;
    }

    private static void Collect(Command command, HashSet<string> booleans)
    {
        foreach (var option in command.Options)
        {
            if (option.ValueType == typeof(bool))
            {
                booleans.Add(option.Name);
            }
        }

        foreach (var sub in command.Subcommands)
        {
            Collect(sub, booleans);
        }
    }

    private static string CommandPath(ParseResult result)
    {
        var names = new List<string>();
        for (var r = result.CommandResult; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(r.Command is RootCommand ? "pharos" : r.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    // System.CommandLine's wording for an unknown token; say "flag" when the token looks like one.
    private static string Describe(string message)
    {
        const string Prefix = "Unrecognized command or argument '";
        if (message.StartsWith(Prefix, StringComparison.Ordinal) && message.Length > Prefix.Length + 1 &&
            message[Prefix.Length] == '-')
        {
            var token = message[Prefix.Length..].TrimEnd('.', '\'');
            return $"unknown flag '{token}'";
        }

        return message;
    }
}
