using System.CommandLine;

namespace Pharos.Tool;

/// <summary><c>pharos tool check metrics</c>: lints an exposition read from standard input, as <c>promtool check metrics</c>.</summary>
public static class CheckMetricsCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var command = new Command(
            "metrics",
            "Pass Prometheus metrics over stdin to lint them for consistency and correctness. Example: curl -s http://localhost:9090/metrics | pharos tool check metrics");
        command.SetAction(result => MetricsLinter.Run(Console.OpenStandardInput(), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }
}
