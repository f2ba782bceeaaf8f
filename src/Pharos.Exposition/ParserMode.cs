namespace Pharos.Exposition;

/// <summary>How strictly a parser applies the format's rules.</summary>
public enum ParserMode : byte
{
    /// <summary>Accept exactly what Prometheus accepts at scrape time (syntax checks, few semantic checks).</summary>
    Scrape = 0,

    /// <summary>Apply every rule of the format's specification, including per-family semantic checks.</summary>
    Strict,
}
