using System.CommandLine;

namespace Pharos.Cli;

/// <summary>Builds the <c>pharos</c> command tree from the component hosts and runs it.</summary>
public static class PharosCommandLine
{
    /// <summary>Parses <paramref name="args"/> and runs the chosen subcommand.</summary>
    /// <param name="args">The process arguments.</param>
    /// <returns>The process exit code.</returns>
    public static int Run(string[] args)
    {
        var root = new RootCommand("Pharos: a Prometheus-compatible monitoring stack.");
        return root.Parse(args).Invoke();
    }
}
