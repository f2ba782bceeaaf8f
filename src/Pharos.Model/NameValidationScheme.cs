namespace Pharos.Model;

/// <summary>Which characters metric and label names may contain.</summary>
public enum NameValidationScheme : byte
{
    /// <summary>
    /// Prometheus 3 default: any non-empty valid UTF-8 string. Names outside the legacy character set must be
    /// quoted in PromQL and in the text exposition format.
    /// </summary>
    Utf8 = 0,

    /// <summary>
    /// The classic character set: metric names <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>, label names
    /// <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.
    /// </summary>
    Legacy = 1,
}
