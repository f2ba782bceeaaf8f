namespace Pharos.PromQL.Parser;

/// <summary>The <c>@ start()</c> / <c>@ end()</c> preprocessors; a numeric <c>@</c> is held as a timestamp instead.</summary>
public enum AtModifier : byte
{
    /// <summary>No preprocessor.</summary>
    None,

    /// <summary><c>@ start()</c>: the query start time.</summary>
    Start,

    /// <summary><c>@ end()</c>: the query end time.</summary>
    End,
}
