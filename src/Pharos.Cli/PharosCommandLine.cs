using System.CommandLine;
using Pharos.Hosting;
using Pharos.Hosting.Flags;
using Pharos.Tool;

namespace Pharos.Cli;

/// <summary>Builds the <c>pharos</c> command tree from the component hosts and runs it.</summary>
public static class PharosCommandLine
{
    /// <summary>Parses <paramref name="args"/> and runs the chosen subcommand with the console as output.</summary>
    /// <param name="args">The process arguments.</param>
    /// <returns>The process exit code.</returns>
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Parses <paramref name="args"/> and runs the chosen subcommand.</summary>
    /// <param name="args">The process arguments.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <returns>The process exit code.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error) =>
        CommandLineRunner.Run(Build(), args, output, error);

    /// <summary>The root command with every component's subcommand registered.</summary>
    /// <returns>The root command.</returns>
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "Pharos: a Prometheus-compatible monitoring stack in one executable. Each subcommand takes the flags of the upstream program it replaces.");
        root.Subcommands.Add(VersionCommand());
        root.Subcommands.Add(ToolCommand.Create());
        root.Subcommands.Add(Pharos.Server.ServerCommand.Create());
        root.Subcommands.Add(Pharos.Pushgateway.PushgatewayCommand.Create());
        root.Subcommands.Add(Pharos.Alertmanager.AlertmanagerCommand.Create());
        root.Subcommands.Add(Pharos.Exporters.Node.NodeExporterCommand.Create());
        root.Subcommands.Add(Pharos.Exporters.Blackbox.BlackboxExporterCommand.Create());
        root.Subcommands.Add(Stack.StackCommand.Create(Build));
        return root;
    }

    private static Command VersionCommand()
    {
        var command = new Command("version", "Print the version, the git commit and the .NET runtime.");
        command.SetAction(result => result.InvocationConfiguration.Output.Write(BuildInfo.VersionText("pharos")));
        return command;
    }
}
