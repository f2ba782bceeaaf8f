namespace Pharos.PromQL.Parser;

/// <summary>
/// A query failed to parse or type-check. <see cref="Exception.Message"/> is the first error as upstream prints it
/// (<c>1:14: parse error: …</c>); <see cref="Errors"/> holds all of them in the order they were found.
/// </summary>
public sealed class PromQLParseException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errors">The errors, at least one.</param>
    public PromQLParseException(IReadOnlyList<ParseError> errors)
        : base(errors.Count > 0 ? errors[0].ToString() : "error contains no error message")
    {
        Errors = errors;
    }

    /// <summary>Every error found, in order.</summary>
    public IReadOnlyList<ParseError> Errors { get; }

    /// <summary>The position of the first error.</summary>
    public PositionRange Position => Errors.Count > 0 ? Errors[0].Position : default;
}
