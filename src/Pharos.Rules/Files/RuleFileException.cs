namespace Pharos.Rules.Files;

/// <summary>A rule file failed to load; <see cref="Errors"/> lists every problem with its file and line.</summary>
public sealed class RuleFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RuleFileException()
        : this([])
    {
    }

    /// <summary>Creates the exception with one message.</summary>
    /// <param name="message">The message.</param>
    public RuleFileException(string message)
        : base(message) => Errors = [];

    /// <summary>Creates the exception with one message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RuleFileException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="errors">The problems, at least one.</param>
    public RuleFileException(IReadOnlyList<RuleFileError> errors)
        : base(string.Join("\n", errors)) => Errors = errors;

    /// <summary>The problems, in file order.</summary>
    public IReadOnlyList<RuleFileError> Errors { get; }
}
