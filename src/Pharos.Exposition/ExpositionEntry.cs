namespace Pharos.Exposition;

/// <summary>What <see cref="ExpositionParser.Next"/> found.</summary>
public enum ExpositionEntry : byte
{
    /// <summary>The input is exhausted (for OpenMetrics: <c># EOF</c> was read).</summary>
    EndOfInput = 0,

    /// <summary>A <c># TYPE</c> line: <see cref="ExpositionParser.FamilyName"/> and <see cref="ExpositionParser.Type"/> are set.</summary>
    Type,

    /// <summary>A <c># HELP</c> line: <see cref="ExpositionParser.FamilyName"/> and <see cref="ExpositionParser.Help"/> are set.</summary>
    Help,

    /// <summary>A <c># UNIT</c> line: <see cref="ExpositionParser.FamilyName"/> and <see cref="ExpositionParser.Unit"/> are set.</summary>
    Unit,

    /// <summary>Any other comment line: <see cref="ExpositionParser.Comment"/> is set.</summary>
    Comment,

    /// <summary>A float sample: <see cref="ExpositionParser.Series"/>, <see cref="ExpositionParser.Value"/> and the timestamp are set.</summary>
    Series,

    /// <summary>A native histogram sample (protobuf only): <see cref="ExpositionParser.Series"/> and the histogram are set.</summary>
    Histogram,
}
