namespace Pharos.Templating;

/// <summary>Go's <c>missingkey</c> option: what a map lookup of an absent key yields.</summary>
public enum MissingKeyOption
{
    /// <summary>The zero value; for maps of arbitrary values this prints <c>&lt;no value&gt;</c>. Go's default.</summary>
    Default,

    /// <summary>The zero value of the map's element type (Prometheus uses this for rule templates).</summary>
    Zero,

    /// <summary>Execution stops with <c>map has no entry for key</c>.</summary>
    Error,
}
