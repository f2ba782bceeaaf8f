using System.Globalization;

namespace Pharos.Exposition;

/// <summary>
/// The exposition input is malformed. Text formats report a 1-based line and column; protobuf reports
/// <see cref="Line"/> 0 and the byte offset in <see cref="Column"/>.
/// </summary>
public sealed class ExpositionParseException : Exception
{
    /// <summary>Creates an exception with a position and a reason.</summary>
    /// <param name="line">The 1-based line, or 0 for binary formats.</param>
    /// <param name="column">The 1-based column, or the byte offset for binary formats.</param>
    /// <param name="reason">What is wrong, without the position.</param>
    public ExpositionParseException(int line, int column, string reason)
        : base(Format(line, column, reason))
    {
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>Creates an exception with a message only (position unknown).</summary>
    public ExpositionParseException()
        : this(0, 0, "malformed exposition")
    {
    }

    /// <summary>Creates an exception with a message only (position unknown).</summary>
    /// <param name="message">The message.</param>
    public ExpositionParseException(string message)
        : this(0, 0, message)
    {
    }

    /// <summary>Creates an exception wrapping another (position unknown).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ExpositionParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>The 1-based line of the error, or 0 for protobuf input.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the error, or the byte offset for protobuf input.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; } = string.Empty;

    private static string Format(int line, int column, string reason) => line > 0
        ? string.Create(CultureInfo.InvariantCulture, $"line {line}, column {column}: {reason}")
        : string.Create(CultureInfo.InvariantCulture, $"byte offset {column}: {reason}");
}
