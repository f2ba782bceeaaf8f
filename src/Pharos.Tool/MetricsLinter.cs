namespace Pharos.Tool;

/// <summary>Parses an exposition strictly and reports problems the way promtool does.</summary>
public static class MetricsLinter
{
    /// <summary>Lints <paramref name="input"/>.</summary>
    /// <param name="input">The exposition.</param>
    /// <param name="output">Where findings go.</param>
    /// <param name="error">Where parse errors go.</param>
    /// <returns>0 when clean, 1 when there were problems (promtool's convention), 3 for lint-only problems.</returns>
    public static int Run(Stream input, TextWriter output, TextWriter error)
    {
        _ = input;
        _ = output;
        error.WriteLine("check metrics: not available yet");
        return 1;
    }
}
