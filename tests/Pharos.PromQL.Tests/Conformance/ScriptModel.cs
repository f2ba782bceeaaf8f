using Pharos.Model;

namespace Pharos.PromQL.Tests.Conformance;

/// <summary>One expanded position of a series description: omitted, a float, or a histogram.</summary>
internal readonly record struct Position(bool Omitted, double Value, FloatHistogram? Histogram, bool HintSpecified = false)
{
    public static Position Skip => new(true, 0, null);
}

/// <summary>A series line: labels and its expanded positions.</summary>
internal sealed record SeriesLine(Labels Labels, Position[] Positions);

internal abstract class ScriptCommand(int line)
{
    public int Line { get; } = line;
}

internal sealed class ClearCommand(int line) : ScriptCommand(line);

internal sealed class LoadCommand(int line, long intervalMs, bool withNhcb, bool hasStartTimestamps, List<SeriesLine> series) : ScriptCommand(line)
{
    public long IntervalMs { get; } = intervalMs;

    public bool WithNhcb { get; } = withNhcb;

    public bool HasStartTimestamps { get; } = hasStartTimestamps;

    public List<SeriesLine> Series { get; } = series;
}

internal enum ExpectKind
{
    Fail,
    Warn,
    Info,
    NoWarn,
    NoInfo,
    Ordered,
}

internal sealed record Expectation(ExpectKind Kind, string? Message, string? Regex);

internal sealed class EvalCommand(int line) : ScriptCommand(line)
{
    public required string Expr { get; init; }

    public bool IsRange { get; init; }

    public long AtMs { get; set; }

    public long StartMs { get; init; }

    public long EndMs { get; init; }

    public long StepMs { get; init; }

    public List<Expectation> Expects { get; } = [];

    public bool LegacyFail { get; set; }

    public bool LegacyWarn { get; set; }

    public bool LegacyInfo { get; set; }

    public bool Ordered { get; set; }

    public string? FailMessage { get; set; }

    public string? FailRegex { get; set; }

    public double? ExpectedScalar { get; set; }

    public string? ExpectedString { get; set; }

    public (long StartMs, long EndMs, long StepMs)? ExpectRangeVector { get; set; }

    /// <summary>Expected series in body order; a label set given twice keeps the later line (and its position).</summary>
    public Dictionary<Labels, (Position[] Positions, int OrderIndex)> ExpectedSeries { get; } = [];

    public bool ExpectsFail => LegacyFail || Expects.Any(e => e.Kind == ExpectKind.Fail);

    public bool ExpectsHistogram => ExpectedSeries.Values.Any(s => s.Positions.Any(p => p.Histogram is not null));
}
