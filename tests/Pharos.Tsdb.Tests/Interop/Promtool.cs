using System.Diagnostics;
using System.Globalization;
using Pharos.Model;
using Xunit;

namespace Pharos.Tsdb.Tests.Interop;

/// <summary>Runs Debian's <c>promtool</c> with a timeout, and turns samples into comparable dump lines.</summary>
internal static class Promtool
{
    public const string Binary = "/usr/bin/promtool";

    /// <summary>Runs promtool; fails the test on a non-zero exit or after two minutes (the process tree is killed).</summary>
    public static string Run(params string[] args)
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"promtool {string.Join(' ', args)} did not finish within 2 minutes");
        }

        process.WaitForExit();
        var output = stdout.GetAwaiter().GetResult();
        var error = stderr.GetAwaiter().GetResult();
        Assert.True(process.ExitCode == 0, $"promtool {string.Join(' ', args)} exited {process.ExitCode}: {error}\n{output}");
        return output;
    }

    /// <summary>
    /// <c>promtool tsdb dump</c>'s lines, normalised: <c>{labels} value timestamp</c> with the value in round-trip
    /// form, so they compare with <see cref="Lines"/>.
    /// </summary>
    public static SortedSet<string> Dump(string dataDirectory)
    {
        var dumped = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in Run("tsdb", "dump", dataDirectory).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var close = line.LastIndexOf("} ", StringComparison.Ordinal);
            var parts = line[(close + 2)..].Split(' ');
            var value = double.Parse(parts[0], CultureInfo.InvariantCulture);
            Assert.True(dumped.Add(Line(line[..(close + 1)], long.Parse(parts[1], CultureInfo.InvariantCulture), value)), line);
        }

        return dumped;
    }

    /// <summary>The same lines for samples we hold.</summary>
    public static SortedSet<string> Lines(IEnumerable<(Labels Labels, List<(long T, double V)> Samples)> series)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (labels, samples) in series)
        {
            var text = LabelText(labels);
            foreach (var (t, v) in samples)
            {
                lines.Add(Line(text, t, v));
            }
        }

        return lines;
    }

    /// <summary>Labels as promtool prints them: <c>{a="b", c="d"}</c>.</summary>
    public static string LabelText(Labels labels) =>
        "{" + string.Join(", ", labels.Span.ToArray().Select(l => $"{l.Name}=\"{l.Value}\"")) + "}";

    private static string Line(string labels, long t, double v) =>
        $"{labels} {(double.IsNaN(v) ? "NaN" : v.ToString("R", CultureInfo.InvariantCulture))} {t.ToString(CultureInfo.InvariantCulture)}";
}
