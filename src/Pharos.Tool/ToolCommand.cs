using System.CommandLine;

namespace Pharos.Tool;

/// <summary>The <c>pharos tool</c> command: promtool's and amtool's verbs.</summary>
public static class ToolCommand
{
    /// <summary>Creates the command tree (<c>tool check metrics</c>, …).</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var tool = new Command("tool", "Tooling for the Pharos stack, with the verbs of promtool and amtool.");
        var check = new Command("check", "Check the resources for validity.");
        check.Subcommands.Add(CheckMetricsCommand.Create());
        check.Subcommands.Add(CheckConfigCommand.Create());
        check.Subcommands.Add(Rules.CheckRulesCommand.Create());
        tool.Subcommands.Add(check);
        tool.Subcommands.Add(new Command("test", "Unit testing.") { Rules.TestRulesCommand.Create() });
        tool.Subcommands.Add(Tsdb.TsdbCommand.Create());
        return tool;
    }
}
