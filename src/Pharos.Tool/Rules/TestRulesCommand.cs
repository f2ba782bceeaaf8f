using System.CommandLine;

namespace Pharos.Tool.Rules;

/// <summary>
/// <c>pharos tool test rules FILE…</c>: runs promtool rule unit-test files with promtool's output shape and exit codes
/// (0 all passed, 1 a test failed or a file is invalid).
/// </summary>
public static class TestRulesCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var files = new Argument<string[]>("test-rule-file") { Description = "The unit test file.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("rules", "Unit tests for rules.");
        command.Arguments.Add(files);
        command.SetAction((result, _) => RunAsync(result.GetValue(files) ?? [], result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Runs each file, printing as promtool does.</summary>
    /// <param name="files">The unit-test files.</param>
    /// <param name="output">Progress and successes.</param>
    /// <param name="error">Failures.</param>
    /// <returns>0 when every test passed, else 1.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> files, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var failed = false;
        foreach (var file in files)
        {
            output.WriteLine($"Unit Testing:  {file}");
            var errors = await RuleUnitTestRunner.RunFileAsync(file).ConfigureAwait(false);
            if (errors.Count > 0)
            {
                error.WriteLine("  FAILED:");
                foreach (var e in errors)
                {
                    error.WriteLine(e);
                    output.WriteLine();
                }

                failed = true;
            }
            else
            {
                output.WriteLine("  SUCCESS");
            }

            output.WriteLine();
        }

        return failed ? 1 : 0;
    }
}
